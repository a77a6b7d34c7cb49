mod weather {
    shapegen::generate! {
        spec: "ui/fail/models/several-problems.json",
    }
}

fn main() {}

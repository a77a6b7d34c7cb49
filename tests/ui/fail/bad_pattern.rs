mod weather {
    shapegen::generate! {
        spec: "ui/fail/models/bad-pattern.json",
    }
}

fn main() {}

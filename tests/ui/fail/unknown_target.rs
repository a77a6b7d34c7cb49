mod weather {
    shapegen::generate! {
        spec: "ui/fail/models/unknown-target.json",
    }
}

fn main() {}

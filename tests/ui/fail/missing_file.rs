mod weather {
    shapegen::generate! {
        spec: "ui/fail/models/does-not-exist.json",
    }
}

fn main() {}

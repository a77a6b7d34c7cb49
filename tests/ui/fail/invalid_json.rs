mod weather {
    shapegen::generate! {
        spec: "ui/fail/models/invalid-json.json",
    }
}

fn main() {}

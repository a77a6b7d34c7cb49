mod weather {
    shapegen::generate! {
        spec: "ui/fail/models/two-services.json",
    }
}

fn main() {}

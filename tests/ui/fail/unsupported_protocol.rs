mod weather {
    shapegen::generate! {
        spec: "ui/fail/models/unsupported-protocol.json",
    }
}

fn main() {}

mod notes {
    shapegen::generate! {
        spec: "../spec/fallbacks.json",
        operations: [PutNote, WatchNotes],
    }
}

fn main() {}

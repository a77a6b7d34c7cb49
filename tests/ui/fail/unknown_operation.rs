mod chime {
    shapegen::generate! {
        spec: "../spec/chime.json",
        operations: [BatchCreateAttendee, BatchCreateAtendees],
    }
}

fn main() {}

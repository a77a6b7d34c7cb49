mod missing_spec {
    shapegen::generate! {
        operations: [BatchCreateAttendee],
    }
}

mod unknown_argument {
    shapegen::generate! {
        spec: "../spec/chime.json",
        protocol: "restJson1",
    }
}

mod twice {
    shapegen::generate! {
        spec: "../spec/chime.json",
        spec: "../spec/chime.json",
    }
}

fn main() {}

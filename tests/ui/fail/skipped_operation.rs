// Generated in full, the client leaves the event-stream operations out: there is no method.
mod notes {
    shapegen::generate! { spec: "../spec/fallbacks.json" }
}

fn main() {
    let config = shapegen::Config::builder().build().unwrap();
    let _ = notes::Client::new(config).watch_notes();
}

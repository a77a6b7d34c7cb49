mod chime {
    shapegen::generate! {
        spec: "../spec/chime.json",
        service: "com.amazonaws.chime#Chime",
    }
}

fn main() {}

//! A tiny HTTP service: GET / answers with a JSON description of the process.
use std::env;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

extern "C" {
    fn signal(signum: i32, handler: extern "C" fn(i32)) -> usize;
    fn _exit(status: i32) -> !;
}

/// As PID 1 a process gets no default action for SIGTERM, so it exits here.
extern "C" fn on_sigterm(_: i32) {
    unsafe { _exit(0) }
}

fn answer(mut stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let (status, body) = if request.starts_with("GET / ") {
        ("200 OK", format!("{{\"app\":\"rust-service\",\"version\":\"{}\"}}", env!("CARGO_PKG_VERSION")))
    } else {
        ("404 Not Found", String::from("{\"error\":\"not found\"}"))
    };
    write!(stream, "HTTP/1.1 {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}", status, body.len(), body)
}

fn main() {
    const SIGTERM: i32 = 15;
    unsafe {
        signal(SIGTERM, on_sigterm);
    }
    let host = env::var("HOST").unwrap_or_else(|_| String::from("0.0.0.0"));
    let port = env::var("PORT").unwrap_or_else(|_| String::from("8080"));
    let listener = TcpListener::bind(format!("{}:{}", host, port)).expect("cannot listen");
    println!("listening on {}:{}", host, port);
    for stream in listener.incoming().flatten() {
        if let Err(error) = answer(stream) {
            eprintln!("request failed: {}", error);
        }
    }
}

//! Messages over standard input and output. Unlike a plain reader, a body that is not JSON-RPC
//! gets an error response and the server reads on: a broken message never ends the session.

use crate::value::Lookup;
use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded};
use lsp_server::{Connection, Message};

/// The connection and its reader and writer threads.
pub struct Stdio {
    pub connection: Connection,
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<()>,
}

impl Stdio {
    /// Waits for both threads after the server dropped its connection.
    pub fn join(self) {
        drop(self.connection);
        let _ = self.writer.join();
        // The reader ends at end of input or after `exit`; it may be blocked on a read
        // otherwise, and the process is about to end.
        if self.reader.is_finished() {
            let _ = self.reader.join();
        }
    }
}

pub fn stdio() -> Stdio {
    let (to_server, from_client) = bounded::<Message>(0);
    let (to_client, from_server): (Sender<Message>, Receiver<Message>) = bounded(0);
    let writer = thread::spawn(move || {
        for msg in from_server {
            let mut out = io::stdout().lock();
            if msg.write(&mut out).is_err() {
                break;
            }
        }
    });
    let reader = thread::spawn(move || {
        let mut input = io::stdin().lock();
        loop {
            match read_frame(&mut input) {
                Ok(None) => break,
                Ok(Some(body)) => match parse(&body) {
                    Ok(msg) => {
                        let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                        if to_server.send(msg).is_err() || exit {
                            break;
                        }
                    }
                    Err(reply) => write_raw(&reply),
                },
                Err(Frame::Broken(why)) => write_raw(&error_reply(
                    serde_json::Value::Null,
                    -32700,
                    &format!("cannot read the message: {why}"),
                )),
                Err(Frame::Closed) => break,
            }
        }
    });
    Stdio {
        connection: Connection {
            sender: to_client,
            receiver: from_client,
        },
        reader,
        writer,
    }
}

enum Frame {
    /// The framing was wrong; the reader skipped to the next header.
    Broken(String),
    /// Input ended or failed.
    Closed,
}

/// One message body: headers up to an empty line, then `Content-Length` bytes.
fn read_frame(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = String::new();
    let mut any = false;
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) if !any => return Ok(None),
            Ok(0) | Err(_) => return Err(Frame::Closed),
            Ok(_) => {}
        }
        any = true;
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
            );
        }
    }
    let length = match length {
        None => return Err(Frame::Broken("no Content-Length header".into())),
        Some(Err(why)) => return Err(Frame::Broken(why)),
        Some(Ok(n)) => n,
    };
    if length > 1 << 30 {
        return Err(Frame::Broken(format!(
            "a {length}-byte message is too large"
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).map_err(|_| Frame::Closed)?;
    Ok(Some(body))
}

/// A message, or the error response to send back for a body that is none.
fn parse(body: &[u8]) -> Result<Message, String> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| error_reply(serde_json::Value::Null, -32700, &format!("not JSON: {e}")))?;
    let id = value
        .field("id")
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    serde_json::from_value(value)
        .map_err(|e| error_reply(id, -32600, &format!("not a JSON-RPC request: {e}")))
}

fn error_reply(id: serde_json::Value, code: i32, message: &str) -> String {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code, "message": message},
    })
    .to_string()
}

/// Writes a response the typed messages cannot carry (its id may be null).
fn write_raw(body: &str) {
    let mut out = io::stdout().lock();
    let _ = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = out.flush();
}

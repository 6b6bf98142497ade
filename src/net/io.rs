//! An accepted connection with two deadlines: its first request's head must arrive within the
//! header timeout, and after that a connection that moves no byte either way for the idle
//! timeout is closed (a keep-alive connection nobody uses, a reader that stopped reading).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep, sleep_until};

use super::caps::Held;

/// How long a connection may wait for what.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// From accept to the end of the first request's head.
    pub header: Duration,
    /// With no byte read or written, once the first head has arrived.
    pub idle: Duration,
}

pub struct GuardedStream {
    tcp: TcpStream,
    /// The connection's place under the caps, given back when hyper drops the connection.
    _held: Held,
    timeouts: Timeouts,
    /// Until the first request's head has arrived, the deadline for it.
    head_deadline: Option<Instant>,
    /// Looks for the end of the first head in the bytes read.
    head_end: HeadEnd,
    last_activity: Instant,
    timer: Pin<Box<Sleep>>,
}

impl GuardedStream {
    pub fn new(tcp: TcpStream, held: Held, timeouts: Timeouts) -> Self {
        let now = Instant::now();
        let head_deadline = now + timeouts.header;
        metrics::gauge!("cronaca_connections_open").increment(1.0);
        Self {
            tcp,
            _held: held,
            timeouts,
            head_deadline: Some(head_deadline),
            head_end: HeadEnd::default(),
            last_activity: now,
            timer: Box::pin(sleep_until(head_deadline)),
        }
    }

    pub fn tcp(&self) -> &TcpStream {
        &self.tcp
    }

    /// Called when the inner stream would block: fails once the deadline has passed, and
    /// otherwise makes sure the task is woken when it does.
    fn poll_deadline(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        let (deadline, reason) = match self.head_deadline {
            Some(d) => (d, "header"),
            None => (self.last_activity + self.timeouts.idle, "idle"),
        };
        if self.timer.deadline() != deadline {
            self.timer.as_mut().reset(deadline);
        }
        ready!(self.timer.as_mut().poll(cx));
        metrics::counter!("cronaca_connections_timed_out_total", "reason" => reason).increment(1);
        let message = match reason {
            "header" => "no request headers in time",
            _ => "no traffic in either direction for too long",
        };
        Poll::Ready(io::Error::new(io::ErrorKind::TimedOut, message))
    }

    /// Notes bytes read: activity, and the end of the first head when it is among them.
    fn saw_read(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.last_activity = Instant::now();
        if self.head_deadline.is_some() && self.head_end.feed(bytes) {
            self.head_deadline = None;
        }
    }

    fn saw_write(&mut self, n: usize) {
        if n > 0 {
            self.last_activity = Instant::now();
        }
    }
}

/// Finds the blank line that ends an HTTP/1 request head (`\r\n\r\n`), across reads.
#[derive(Debug, Default)]
struct HeadEnd {
    /// How many bytes of the blank line the last bytes read matched.
    matched: usize,
}

impl HeadEnd {
    const END: &'static [u8] = b"\r\n\r\n";

    /// Whether the head ends within `bytes` (or ended before).
    fn feed(&mut self, bytes: &[u8]) -> bool {
        for &b in bytes {
            if self.matched == Self::END.len() {
                break;
            }
            self.matched = if b == Self::END[self.matched] {
                self.matched + 1
            } else if b == Self::END[0] {
                1
            } else {
                0
            };
        }
        self.matched == Self::END.len()
    }
}

impl Drop for GuardedStream {
    fn drop(&mut self) {
        metrics::gauge!("cronaca_connections_open").decrement(1.0);
    }
}

impl AsyncRead for GuardedStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.tcp).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                this.saw_read(&buf.filled()[before..]);
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => this.poll_deadline(cx).map(Err),
        }
    }
}

impl AsyncWrite for GuardedStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.tcp).poll_write(cx, buf) {
            Poll::Ready(Ok(n)) => {
                this.saw_write(n);
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => this.poll_deadline(cx).map(Err),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        match Pin::new(&mut this.tcp).poll_write_vectored(cx, bufs) {
            Poll::Ready(Ok(n)) => {
                this.saw_write(n);
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => this.poll_deadline(cx).map(Err),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.tcp).poll_flush(cx) {
            Poll::Pending => this.poll_deadline(cx).map(Err),
            done => done,
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::HeadEnd;

    #[test]
    fn the_end_of_a_head_is_found_across_reads() {
        let mut end = HeadEnd::default();
        assert!(!end.feed(b"GET / HTTP/1.1\r\nHost: x\r\n\r"));
        assert!(end.feed(b"\nbody"));
        assert!(end.feed(b""), "once found it stays found");
    }

    #[test]
    fn a_lone_line_end_is_not_the_end() {
        let mut end = HeadEnd::default();
        assert!(!end.feed(b"GET / HTTP/1.1\r\n"));
        assert!(!end.feed(b"Host: x\r\r\n"));
        assert!(!end.feed(b"\n\n\r\n"));
        assert!(end.feed(b"X: y\r\r\n\r\n"));
    }
}

//! Closing the app's window the way a person does: the window manager's close button sends
//! the window a WM_DELETE_WINDOW message (ICCCM). Xvfb has no window manager, so the test
//! sends that message itself. WebDriver's own "close window" would bypass the app's close
//! handling, which is exactly what the test must exercise.

use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt as _, EventMask, Window,
};

/// Asks the top-level window titled `title` to close, then waits until it is gone. Returns
/// false when no such window was found or it did not close within `patience`.
pub fn close_window(title: &str, patience: Duration) -> bool {
    let (conn, screen) = x11rb::connect(None).expect("connect to the X display");
    let root = conn.setup().roots[screen].root;
    let atom = |name: &[u8]| {
        conn.intern_atom(false, name)
            .expect("intern an atom")
            .reply()
            .expect("an atom")
            .atom
    };
    let (protocols, delete) = (atom(b"WM_PROTOCOLS"), atom(b"WM_DELETE_WINDOW"));
    let (net_name, utf8) = (atom(b"_NET_WM_NAME"), atom(b"UTF8_STRING"));
    let text = |window: Window, property: u32, kind: u32| -> String {
        conn.get_property(false, window, property, kind, 0, 256)
            .ok()
            .and_then(|cookie| cookie.reply().ok())
            .map(|reply| String::from_utf8_lossy(&reply.value).into_owned())
            .unwrap_or_default()
    };
    let mut stack = vec![root];
    let mut found = None;
    while let Some(window) = stack.pop() {
        let named = text(window, net_name, utf8) == title
            || text(window, AtomEnum::WM_NAME.into(), AtomEnum::STRING.into()) == title;
        let closable = conn
            .get_property(false, window, protocols, AtomEnum::ATOM, 0, 32)
            .ok()
            .and_then(|cookie| cookie.reply().ok())
            .and_then(|reply| reply.value32().map(|mut atoms| atoms.any(|a| a == delete)))
            .unwrap_or(false);
        if named && closable {
            found = Some(window);
            break;
        }
        if let Ok(Ok(tree)) = conn.query_tree(window).map(|cookie| cookie.reply()) {
            stack.extend(tree.children);
        }
    }
    let Some(window) = found else {
        return false;
    };
    let message = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
    conn.send_event(false, window, EventMask::NO_EVENT, message)
        .expect("send the close message");
    conn.flush().expect("flush the X connection");

    let deadline = Instant::now() + patience;
    while Instant::now() < deadline {
        let alive = conn
            .get_window_attributes(window)
            .map(|cookie| cookie.reply().is_ok())
            .unwrap_or(false);
        if !alive {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

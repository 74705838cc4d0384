"""Services a fault test owns: a Redis it may kill, and a TCP proxy it may cut.

Never the shared Redis or PostgreSQL: other people's work runs on them.
"""

import contextlib
import socket
import subprocess
import threading
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port} after {timeout} s")


class RedisServer:
    """A redis-server of the test's own, on loopback, keeping nothing on disk: a
    restart loses every message, as a non-persistent production Redis would."""

    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)


class TcpProxy:
    """Forwards 127.0.0.1:port to a server. cut() drops every connection and
    refuses new ones, as a network failure would; restore() listens again."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = free_port()
        self.sockets = []
        self.lock = threading.Lock()
        self.listener = None

    def restore(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        accepting = threading.Thread(
            target=self._accept, args=(self.listener,), daemon=True
        )
        accepting.start()

    def cut(self):
        # shutdown() first: close() alone leaves a thread blocked in accept()
        # holding the port.
        self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                _shut(sock)
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(
                    target=self._pipe, args=(source, sink), daemon=True
                ).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            _shut(source)
            _shut(sink)


def _shut(sock):
    """Ends both directions at once, waking a thread blocked in recv()."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""What hostile peers cost a service: see --help."""

import argparse
import base64
import glob
import hashlib
import hmac
import json
import os
import resource
import socket
import struct
import subprocess
import sys
import tempfile
import time

HELP = """Starts counters-demo-server as a multi-process leader with a token (read from a file), a
local socket and 200 synthetic counters reporting at 5 Hz, then attacks it the way an adversary
on the same machine would, and prints the server's resident memory (VmRSS) after each attack:

  1. 64 connections announce a 16 MiB frame before their hello and send it;
  2. 200 idle connections hold the hello slots while a real node joins;
  3. a viewer that knows the token floods Pings for 5 s and never reads;
  4. 40 viewers that never read stay 10 s while reports flow;
  5. 10,000 idle connections to the local socket.

Each line ends with `rss_mb=<MB>`. Uses build/examples/demoserver/counters-demo-server, or the
folder named by $BUILD_DIR. Everything lives in a temporary folder."""

FRAME_VERSION = 1
HELLO, PING, ACK, ERROR, CHALLENGE, RESPONSE = 1, 4, 5, 6, 8, 9


def frame(kind, payload=b""):
    return struct.pack(">IBB", len(payload) + 2, FRAME_VERSION, kind) + payload


def read_frame(sock):
    def exactly(n):
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data
    size, _, kind = struct.unpack(">IBB", exactly(6))
    return kind, exactly(size - 2)


class Attack:
    def __init__(self, demo, folder):
        self.token = b"s3cret"
        token_file = os.path.join(folder, "token")
        with open(token_file, "w") as f:
            f.write("s3cret\n")
        os.chmod(token_file, 0o600)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        runtime = os.path.join(folder, "run")
        os.mkdir(runtime, 0o700)
        self.runtime = runtime
        self.log = open(os.path.join(folder, "demo.log"), "w")
        self.proc = subprocess.Popen(
            [demo, "--port", "0", "--multi-process", f"127.0.0.1:{self.port}", "--role", "leader",
             "--token-file", token_file, "--local-socket", "attacked", "--interval", "0.2",
             "--synthetic-counters", "200"],
            env=dict(os.environ, XDG_RUNTIME_DIR=runtime), stdout=subprocess.DEVNULL,
            stderr=self.log)
        deadline = time.time() + 10
        while time.time() < deadline and not glob.glob(f"{runtime}/counters/attacked.*.sock"):
            time.sleep(0.1)
        time.sleep(0.5)

    def rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS"):
                    return int(line.split()[1]) // 1024
        raise RuntimeError("the demo server is gone")

    def report(self, what):
        print(f"{what}: rss_mb={self.rss_mb()}", flush=True)

    def connect(self):
        return socket.create_connection(("127.0.0.1", self.port))

    def join(self, role, node=""):
        """The group handshake (docs/formats.md); raises on refusal."""
        sock = self.connect()
        nonce = os.urandom(32)
        hello = {"protocol": 2, "role": role, "node": node, "service": "attacker",
                 "nonce": base64.b64encode(nonce).decode()}
        sock.sendall(frame(HELLO, json.dumps(hello).encode()))
        kind, payload = read_frame(sock)
        if kind != CHALLENGE:
            raise ConnectionError(payload.decode(errors="replace"))
        challenge = json.loads(payload)
        theirs = base64.b64decode(challenge["nonce"])
        expected = hmac.new(self.token, b"counters-group-leader\n" + nonce + theirs
                            + str(challenge["level"]).encode() + b"\n"
                            + str(challenge["port"]).encode() + b"\n"
                            + challenge["leader"].encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, base64.b64decode(challenge["proof"])):
            raise ConnectionError("the leader's proof does not hold")
        proof = hmac.new(self.token, b"counters-group-" + role.encode() + b"\n" + theirs + nonce
                         + node.encode(), hashlib.sha256).digest()
        sock.sendall(frame(RESPONSE, json.dumps({"proof": base64.b64encode(proof).decode()})
                           .encode()))
        kind, payload = read_frame(sock)
        if kind != ACK:
            raise ConnectionError(payload.decode(errors="replace"))
        return sock

    def big_frames_before_hello(self):
        socks, chunk = [], b"x" * (1 << 20)
        for _ in range(64):
            sock = self.connect()
            sock.setblocking(False)
            try:
                sock.send(struct.pack(">IBB", 16 << 20, FRAME_VERSION, HELLO))
                for _ in range(16):
                    sock.send(chunk)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                pass
            socks.append(sock)
        time.sleep(1)
        self.report("64 peers sending 16 MiB frames before their hello")
        for sock in socks:
            sock.close()

    def idle_connections(self):
        socks = [self.connect() for _ in range(200)]
        time.sleep(0.5)
        node = self.join("node", "attacker_1")  # raises if locked out
        self.report("200 idle connections, a real node joins all the same")
        node.close()
        for sock in socks:
            sock.close()

    def ping_flood(self):
        viewer = self.join("viewer")
        viewer.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        viewer.setblocking(False)
        pings = frame(PING) * 100000
        sent, offset, start = 0, 0, time.time()
        while time.time() - start < 5:
            try:
                n = viewer.send(memoryview(pings)[offset:])
                sent += n
                offset = (offset + n) % len(pings)
            except BlockingIOError:
                time.sleep(0.001)
        self.report(f"a viewer flooding {sent >> 20} MiB of Pings in 5 s, never reading")
        viewer.close()

    def viewers_that_never_read(self):
        viewers, refused = [], 0
        for _ in range(40):
            try:
                viewer = self.join("viewer")
                viewer.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                viewers.append(viewer)
            except ConnectionError:
                refused += 1
        time.sleep(10)
        self.report(f"40 viewers never reading for 10 s ({len(viewers)} served, {refused} "
                    "refused)")
        for viewer in viewers:
            viewer.close()

    def idle_local_viewers(self):
        path = glob.glob(f"{self.runtime}/counters/attacked.*.sock")[0]
        socks = []
        for _ in range(10000):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(path)
            socks.append(sock)
        time.sleep(2)
        self.report("10,000 idle local-socket viewers")
        for sock in socks:
            sock.close()

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def main():
    parser = argparse.ArgumentParser(description=HELP,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    build = os.environ.get("BUILD_DIR", os.path.join(root, "build"))
    demo = os.path.join(build, "examples", "demoserver", "counters-demo-server")
    if not os.access(demo, os.X_OK):
        sys.exit(f"no {demo}: build the target counters-demo-server first")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 20000)), hard))
    with tempfile.TemporaryDirectory() as folder:
        attack = Attack(demo, folder)
        try:
            attack.report("idle")
            attack.big_frames_before_hello()
            attack.idle_connections()
            attack.ping_flood()
            attack.viewers_that_never_read()
            attack.idle_local_viewers()
            time.sleep(1)
            attack.report("after the attacks")
        finally:
            attack.stop()


if __name__ == "__main__":
    main()

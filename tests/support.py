"""Helpers the tests of several folders share (tests/ is on pytest's
pythonpath, see pyproject.toml)."""

from pathlib import Path
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
import base64
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parent.parent


def rel(obj):
    """A relation value pointing to ``obj``."""
    return RelationValue(getUtility(IIntIds).getId(obj))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make(*args, env=None, timeout=300):
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.geturl(), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, url, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None, url, ""


def authenticated_status(url, login, password):
    token = base64.b64encode(f"{login}:{password}".encode()).decode()
    request = urllib.request.Request(url, headers={"Authorization": f"Basic {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Server:
    """`make start` in the background, stopped on exit."""

    def __init__(self, instance, port, env=None):
        self.port = port
        self.log = Path(instance).parent / f"start-{port}.log"
        self.process = subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "start",
                f"INSTANCE={instance}",
                f"PORT={port}",
                "HOST=localhost",
            ],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_for(self, path, timeout=240):
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            status, url, body = get(f"http://localhost:{self.port}{path}")
            if status == 200:
                return time.monotonic() - started, url, body
            if self.process.poll() is not None:
                break
            time.sleep(0.25)
        raise AssertionError(
            f"no 200 from {path} within {timeout} s:\n{self.log.read_text()[-3000:]}"
        )

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def output(self):
        return self.log.read_text()

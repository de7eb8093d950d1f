"""Tests for app; standard library only (python3 -m unittest -q)."""

import contextlib
import io
import subprocess
import sys
import unittest
from pathlib import Path

from app import greet
from app.__main__ import main

ROOT = Path(__file__).resolve().parent.parent


class GreetTest(unittest.TestCase):
    def test_default(self):
        self.assertEqual(greet(), "Hello, world!")

    def test_name(self):
        self.assertEqual(greet("Ada"), "Hello, Ada!")

    def test_blank_name_falls_back(self):
        self.assertEqual(greet("   "), "Hello, world!")


class MainTest(unittest.TestCase):
    def run_main(self, *argv):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(list(argv))
        return code, out.getvalue()

    def test_prints_greeting(self):
        self.assertEqual(self.run_main("--name", "Ada"), (0, "Hello, Ada!\n"))

    def test_shout(self):
        self.assertEqual(self.run_main("--shout"), (0, "HELLO, WORLD!\n"))

    def test_module_runs(self):
        done = subprocess.run(
            [sys.executable, "-m", "app", "--name", "CLI"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )
        self.assertEqual(done.stdout, "Hello, CLI!\n")


if __name__ == "__main__":
    unittest.main()

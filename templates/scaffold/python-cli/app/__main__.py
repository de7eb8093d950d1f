"""Command line: python3 -m app [--name NAME] [--shout]."""

import argparse
import sys

from app import __version__, greet


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="app", description="Print a greeting.")
    parser.add_argument("--name", default="world", help="who to greet (default: world)")
    parser.add_argument("--shout", action="store_true", help="print it in capitals")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    text = greet(args.name)
    print(text.upper() if args.shout else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

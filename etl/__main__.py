"""Command line of the write side: `python -m etl COMMAND ...` (load, status, withdraw, rebuild, versions ...).

Each command lives in its own module exposing `add_arguments(parser)` and `run(args) -> int`.
"""

import argparse
import importlib
import sys

COMMANDS = {
    "load": ("etl.load", "Läs in rapportfiler (xlsx) och mappar till lagret."),
    "status": ("etl.status", "Visa vad som är inläst per kommun, nämnd och period, och vad som saknas."),
    "template": ("etl.template", "Skriv en tom rapportmall (xlsx) med instruktioner."),
    "demo": ("etl.demo", "Bygg ett demolager med påhittade siffror (och eventuellt demofiler i xlsx)."),
    "calendar": ("etl.deadlines", "Läs in rapportkalendern (årshjulet): sista dag per period, kommun och nämnd."),
    "kolada": ("etl.kolada", "Importera nationella jämförelsetal från en nedladdad Kolada-fil (JSON eller CSV)."),
    "versions": ("etl.versions", "Lista lagrets dataversioner: id, tid, inlämningar i kraft och anteckning."),
    "withdraw": ("etl.withdraw", "Återkalla en inlämning: publicera en version utan den (med vem och varför)."),
    "rebuild": ("etl.rebuild", "Bygg om lagret till en ny fil från originalarkivet, i journalens ordning."),
}


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; exit code 2 for usage errors."""
    parser = argparse.ArgumentParser(prog="python -m etl", description="Styrkedjan: inläsning av rapporter.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    argv = sys.argv[1:] if argv is None else argv
    chosen = None
    for name, (module_name, text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=text, description=text)
        if argv and argv[0] == name:  # import only the command that runs
            chosen = importlib.import_module(module_name)
            chosen.add_arguments(command_parser)
    args = parser.parse_args(argv)
    return chosen.run(args)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest as flatpak-builder reads it.

    check-manifest.py FLATPAK_BUILDER MANIFEST APP_ID COMMAND

No runtime is needed: flatpak-builder only parses the manifest and prints it.
"""

import json
import os
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2

    builder, manifest, app_id, command = sys.argv[1:]
    # flatpak-builder leaves a state directory in its working directory.
    with tempfile.TemporaryDirectory() as workdir:
        shown = subprocess.run([builder, "--show-manifest", os.path.abspath(manifest)],
                               capture_output=True, text=True, check=False, cwd=workdir)
    if shown.returncode != 0:
        print(f"flatpak-builder could not read {manifest}:\n{shown.stderr}", file=sys.stderr)
        return 1

    data = json.loads(shown.stdout)
    problems = []
    if data.get("id", data.get("app-id")) != app_id:
        problems.append(f"the app id is {data.get('id')!r}, not {app_id!r}")
    if data.get("command") != command:
        problems.append(f"the command is {data.get('command')!r}, not {command!r}")
    if not data.get("runtime", "").startswith("org.gnome."):
        problems.append("the runtime is not the GNOME runtime")

    modules = [m for m in data.get("modules", []) if isinstance(m, dict)]
    if not modules or modules[-1].get("buildsystem") != "meson":
        problems.append("the last module, the app itself, is not built with meson")

    for problem in problems:
        print(f"{manifest}: {problem}", file=sys.stderr)

    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Rewrite tests/cases/*.expected.json from the current extractor. Review the diff by hand!"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.process import process_document

CASES = Path(__file__).resolve().parent / "cases"


def expected_for(path: Path) -> dict[str, object]:
    doc = process_document(path.read_bytes(), name=path.name)
    return {"career_id": doc.career_id, "completeness": doc.completeness, "record": json.loads(doc.record_json)}


def main() -> None:
    for path in sorted(CASES.iterdir()):
        if path.suffix in (".txt", ".html"):
            target = path.with_name(path.stem + ".expected.json")
            target.write_text(json.dumps(expected_for(path), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"wrote {target.relative_to(CASES.parent.parent)}")


if __name__ == "__main__":
    main()

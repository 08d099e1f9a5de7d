"""Every association asnsql writes (generate, from-list, edit) passes `validate`, over the corpus.

For each corpus pool, `generate` (default mode: candidates and discovery)
writes its associations to a folder, and every file must validate. Then each
association's members go through `from_list` (Level 2 and Level 3) and `edit`
(add and remove), and those results must validate too. As a check of the
schemas themselves, every association the reference wrote for the corpus
(all modes) validates as well.
"""

from __future__ import annotations

import json

import pytest

from asnsql import edit, from_list, generate, validate, validate_files, write_associations
from asnsql.asn import dumps

from .conftest import CORPUS

pytestmark = pytest.mark.skipif(
    not (CORPUS / "pools").is_dir(), reason="../shared/corpus is not beside this checkout")


def _pools():
    return sorted(p.stem for p in (CORPUS / "pools").glob("*.csv")) if (CORPUS / "pools").is_dir() else []


def _reference_failed(pool: str) -> bool:
    summary = CORPUS / "expected" / pool / "default" / "_summary.json"
    return summary.is_file() and json.loads(summary.read_text()).get("exit_status", 0) != 0


def _invalid(reports) -> list[str]:
    return [str(problem) for report in reports for problem in report.problems]


@pytest.mark.parametrize("pool", _pools())
def test_generated_from_list_and_edited_associations_validate(pool, tmp_path):
    if _reference_failed(pool):
        pytest.skip(f"{pool}: the reference generator refuses this pool, so asnsql writes nothing")
    associations = generate(CORPUS / "pools" / f"{pool}.csv", version_id="20261123t000000")
    written = write_associations(associations, tmp_path)
    assert sorted(written) == sorted(tmp_path.glob("*.json"))
    assert _invalid(validate_files(written)) == []
    for asn in associations:
        names = [m["expname"] for p in asn["products"] for m in p["members"]]
        built = [from_list(names, product_name=asn["products"][0]["name"]),
                 from_list(names, rule="DMSLevel2bBase")]
        built.append(edit(asn, add=["extra_cal.fits"], exptype="background").association)
        built.append(edit(asn, remove=names[:1], ignore_suffix=True).association)
        assert _invalid(validate(dumps(a), origin=f"{asn.file_name} ({i})") for i, a in enumerate(built)) == []


def test_every_reference_association_in_the_corpus_validates():
    files = [p for p in (CORPUS / "expected").glob("*/*/*.json") if p.name != "_summary.json"]
    assert files
    assert _invalid(validate_files(files)) == []

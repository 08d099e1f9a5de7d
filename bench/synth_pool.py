#!/usr/bin/env python3
"""Write a synthetic association pool of N exposures, shaped like real JWST pools.

    python bench/synth_pool.py 10000 -o /tmp/synth_10k.csv [--seed 7]
    python bench/synth_pool.py 1M -o /tmp/synth_1m.csv

The pool is a sequence of programs, each a sequence of observations, each made
from one observing template shaped after the corpus and operational pools
(jw09505, mega_pool, pool_004 ... pool_024): NIRCam imaging over 5 or 10
detectors with dithers and mosaic candidates, MIRI imaging with background
observations, NIRSpec fixed slit / IFU / MSA with nods, imprints and target
acquisitions, MIRI MRS and LRS, NIRISS and NIRCam WFSS with direct images,
TSO, coronagraphy and AMI with PSF references, WFS&C visits, FGS and
calibration exposures. Every row has the 64 columns of an operational pool
(jw09505), empty values as ``null``, booleans as ``t``/``f``.

Candidate ids repeat across programs (``o001`` in every program), as in a
pool that concatenates programs (mega_pool): a candidate run spans programs.

The same (N, seed) always gives the same file. Rows are written in program,
observation, visit, exposure order.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path

COLUMNS = (
    "filename obs_id program obs_num visit visit_id visitgrp visitype seq_id act_id exposure "
    "exp_type nexposur expcount instrume detector channel targetid targprop targname targtype "
    "template pntgtype pntg_seq targordn expspcin dithptin mostilno module filter pupil ditherid "
    "patttype pattstrt numdthpt pattsize subpxpts patt_num subpixel apername sdp_ver subarray "
    "grating fxd_slit band gwa_xtil gwa_ytil asn_candidate exposerr is_psf is_imprt bkgdtarg "
    "tsovisit msastate msametfl opmode lamp spec_num spat_num dms_note exsegtot nints ngroups mtshadow"
).split()

NRC_SW_A = ["nrca1", "nrca2", "nrca3", "nrca4"]
NRC_SW_B = ["nrcb1", "nrcb2", "nrcb3", "nrcb4"]
NRC_FILTER_PAIRS = [("f070w", "f277w"), ("f090w", "f356w"), ("f115w", "f444w"),
                    ("f150w", "f410m"), ("f200w", "f335m"), ("f182m", "f480m")]
MIRI_FILTERS = ["f560w", "f770w", "f1000w", "f1130w", "f1280w", "f1500w", "f1800w", "f2100w", "f2550w"]
NRS_SETUPS = [("g140m", "f100lp"), ("g235m", "f170lp"), ("g395m", "f290lp"),
              ("g140h", "f100lp"), ("g235h", "f170lp"), ("g395h", "f290lp"), ("prism", "clear")]
NRS_SLITS = ["s200a1", "s200a2", "s400a1", "s1600a1"]
NIS_PUPILS = ["f090w", "f115w", "f150w", "f200w"]
TARGET_NAMES = ["ngc-3603", "lha-120-n-133", "m31-disk", "hd-163296", "trappist-1", "cosmos-field",
                "abell-2744", "ngc-1365", "wasp-39", "tw-hya", "orion-bar", "smacs-0723"]


class Program:
    """Counters of one program: observations, targets, group candidates, exposures."""

    def __init__(self, number: int, rng: random.Random) -> None:
        self.number = number
        self.rng = rng
        self.obs = 0
        self.target = 0
        self.group = 999

    def next_obs(self) -> int:
        self.obs += 1
        return self.obs

    def next_target(self) -> int:
        self.target += 1
        return self.target

    def next_group(self) -> str:
        self.group += 1
        return f"c{self.group}"


class Observation:
    """Rows of one observation: shared values plus a row() builder."""

    def __init__(self, program: Program, template: str, instrument: str,
                 candidates: list[tuple[str, str]], target: int | None = None, **shared: str) -> None:
        self.program = program
        self.number = program.next_obs()
        self.candidates = [(f"o{self.number:03d}", "observation"), *candidates]
        self.target = target if target is not None else program.next_target()
        self.instrument = instrument
        self.template = template
        self.shared = shared
        self.exposure = 0
        self.rows: list[dict[str, str]] = []

    def row(self, exp_type: str, detector: str, *, visit: int = 1, act: int = 1, **values: str) -> None:
        self.exposure += 1
        prog, obs = self.program.number, self.number
        cells = ", ".join(f"('{cid}', '{ctype}')" for cid, ctype in self.candidates)
        name = TARGET_NAMES[(prog + self.target) % len(TARGET_NAMES)]
        row = {
            "filename": f"jw{prog:05d}{obs:03d}{visit:03d}_02{act:03d}_{self.exposure:05d}_{detector}_uncal.fits",
            "obs_id": f"v{prog:05d}{obs:03d}{visit:03d}p00000000{act:05d}",
            "program": str(prog), "obs_num": str(obs), "visit": str(visit),
            "visit_id": f"{prog:05d}{obs:03d}{visit:03d}", "visitgrp": "02",
            "visitype": "prime_targeted_fixed", "seq_id": "1", "act_id": f"{act:02d}",
            "exposure": str(self.exposure), "exp_type": exp_type, "nexposur": "1", "expcount": "1",
            "instrume": self.instrument, "detector": detector, "targetid": str(self.target),
            "targprop": name, "targname": name.replace("-", " "), "targtype": "fixed",
            "template": self.template, "pntgtype": "science", "pntg_seq": str(self.exposure),
            "targordn": "1", "expspcin": "1", "dithptin": "1", "mostilno": "1",
            "apername": f"{detector}_full", "sdp_ver": "2025_4a", "subarray": "full",
            "asn_candidate": f"[{cells}]", "tsovisit": "f", "opmode": "null",
            "nints": "1", "ngroups": str(self.program.rng.choice((3, 5, 8, 10))), "mtshadow": "none",
        }
        row.update(self.shared)
        row.update(values)
        self.rows.append(row)


def _dither_count(rng: random.Random) -> int:
    return rng.choice((1, 2, 3, 4, 4, 4, 6, 8, 9))


def nircam_image(p: Program, rng: random.Random, mosaic: list[tuple[str, str]]) -> list[Observation]:
    o = Observation(p, "nircam imaging", "nircam", mosaic, module="a" if rng.random() < 0.3 else "b")
    dets = NRC_SW_A + ["nrcalong"] if rng.random() < 0.3 else NRC_SW_A + ["nrcalong"] + NRC_SW_B + ["nrcblong"]
    n = _dither_count(rng)
    for act, (sw, lw) in enumerate(rng.sample(NRC_FILTER_PAIRS, rng.randint(1, 3)), start=1):
        for k in range(1, n + 1):
            for det in dets:
                long = det.endswith("long")
                o.row("nrc_image", det, act=act, filter=lw if long else sw, pupil="clear",
                      patttype="full", numdthpt=str(n), patt_num=str(k), subpxpts="1",
                      channel="long" if long else "short")
    return [o]


def miri_image(p: Program, rng: random.Random, mosaic: list[tuple[str, str]]) -> list[Observation]:
    observations = []
    background = rng.random() < 0.25
    extra = [(p.next_group(), "background")] if background else []
    target = p.next_target()
    for bkg in ([False, True] if background else [False]):
        o = Observation(p, "miri imaging", "miri", mosaic + extra, target=target,
                        bkgdtarg="t" if bkg else "f")
        n = rng.choice((2, 4, 4, 8))
        for act, filt in enumerate(rng.sample(MIRI_FILTERS, rng.randint(1, 4)), start=1):
            for k in range(1, n + 1):
                o.row("mir_image", "mirimage", act=act, filter=filt, patttype="cycling",
                      numdthpt=str(n), patt_num=str(k))
        observations.append(o)
    return observations


def _nrs_ta(o: Observation, kind: str) -> None:
    o.row(kind, "nrs1", act=1, filter="f110w", grating="mirror", pntgtype="target_acquisition")
    o.row("nrs_taconfirm", "nrs1", act=2, filter="f110w", grating="mirror",
          pntgtype="target_acquisition")


def nirspec_fs(p: Program, rng: random.Random, _: list) -> list[Observation]:
    grating, filt = rng.choice(NRS_SETUPS)
    slit = rng.choice(NRS_SLITS)
    sub = {"s200a1": "sub200a1", "s200a2": "sub200a2", "s400a1": "sub400a1", "s1600a1": "sub2048"}[slit]
    o = Observation(p, "nirspec fixed slit spectroscopy", "nirspec", [], fxd_slit=slit, subarray=sub)
    _nrs_ta(o, "nrs_wata")
    nods = rng.choice((1, 2, 3, 5))
    for k in range(1, nods + 1):
        for det in (["nrs1"] if grating == "prism" else ["nrs1", "nrs2"]):
            o.row("nrs_fixedslit", det, act=3, grating=grating, filter=filt, patttype="2-point-nod",
                  numdthpt=str(nods), patt_num=str(k), subpxpts="1")
    return [o]


def nirspec_ifu(p: Program, rng: random.Random, _: list) -> list[Observation]:
    observations = []
    background = rng.random() < 0.3
    extra = [(p.next_group(), "background")] if background else []
    target = p.next_target()
    for bkg in ([False, True] if background else [False]):
        o = Observation(p, "nirspec ifu spectroscopy", "nirspec", extra, target=target,
                        bkgdtarg="t" if bkg else "f")
        if not bkg:
            _nrs_ta(o, "nrs_msata")
        n = rng.choice((2, 4, 4, 8))
        for act, (grating, filt) in enumerate(rng.sample(NRS_SETUPS, rng.randint(1, 3)), start=3):
            for det in ("nrs1", "nrs2"):
                o.row("nrs_ifu", det, act=act, grating=grating, filter=filt, is_imprt="t",
                      patttype="none", numdthpt="1", patt_num="1")
            for k in range(1, n + 1):
                for det in ("nrs1", "nrs2"):
                    o.row("nrs_ifu", det, act=act, grating=grating, filter=filt,
                          patttype="4-point-nod" if n == 4 else "cycling",
                          numdthpt=str(n), patt_num=str(k))
        observations.append(o)
    return observations


def nirspec_msa(p: Program, rng: random.Random, _: list) -> list[Observation]:
    o = Observation(p, "nirspec multiobject spectroscopy", "nirspec", [],
                    msametfl=f"jw{p.number:05d}{p.obs + 1:03d}01_msa.fits")
    _nrs_ta(o, "nrs_msata")
    for act, (grating, filt) in enumerate(rng.sample(NRS_SETUPS, rng.randint(1, 3)), start=3):
        for det in ("nrs1", "nrs2"):
            o.row("nrs_msaspec", det, act=act, grating=grating, filter=filt, is_imprt="t",
                  patttype="none", numdthpt="1", patt_num="1")
        for k in range(1, 4):
            for det in ("nrs1", "nrs2"):
                o.row("nrs_msaspec", det, act=act, grating=grating, filter=filt,
                      patttype="3-shutter-slitlet", numdthpt="3", patt_num=str(k), msastate="primarypartial")
        if rng.random() < 0.2:
            o.row("nrs_autowave", "nrs1", act=act, grating=grating, filter=filt, lamp="line2",
                  pntgtype="engineering")
    return [o]


def miri_mrs(p: Program, rng: random.Random, _: list) -> list[Observation]:
    observations = []
    background = rng.random() < 0.3
    extra = [(p.next_group(), "background")] if background else []
    target = p.next_target()
    for bkg in ([False, True] if background else [False]):
        o = Observation(p, "miri mrs", "miri", extra, target=target, bkgdtarg="t" if bkg else "f")
        if not bkg and rng.random() < 0.5:
            o.row("mir_tacq", "mirimage", act=1, filter="f560w", pntgtype="target_acquisition")
        n = rng.choice((2, 4, 4))
        for act, band in enumerate(rng.sample(["short", "medium", "long"], rng.randint(1, 3)), start=2):
            for k in range(1, n + 1):
                o.row("mir_mrs", "mirifushort", act=act, band=band, channel="12", patttype="4-point",
                      numdthpt=str(n), patt_num=str(k))
                o.row("mir_mrs", "mirifulong", act=act, band=band, channel="34", patttype="4-point",
                      numdthpt=str(n), patt_num=str(k))
        observations.append(o)
    return observations


def miri_lrs(p: Program, rng: random.Random, _: list) -> list[Observation]:
    o = Observation(p, "miri low resolution spectroscopy", "miri", [], filter="p750l")
    o.row("mir_tacq", "mirimage", act=1, filter="f1000w", pntgtype="target_acquisition")
    for k in (1, 2):
        o.row("mir_lrs-fixedslit", "mirimage", act=2, patttype="along-slit-nod", numdthpt="2",
              patt_num=str(k))
    return [o]


def wfss(p: Program, rng: random.Random, _: list) -> list[Observation]:
    if rng.random() < 0.6:
        o = Observation(p, "niriss wide field slitless spectroscopy", "niriss", [])
        n = rng.choice((1, 3, 4))
        for act, pupil in enumerate(rng.sample(NIS_PUPILS, rng.randint(1, 3)), start=1):
            o.row("nis_image", "nis", act=act, filter="clear", pupil=pupil)
            for grism in ("gr150r", "gr150c"):
                for k in range(1, n + 1):
                    o.row("nis_wfss", "nis", act=act, filter=grism, pupil=pupil, numdthpt=str(n),
                          patt_num=str(k))
            o.row("nis_image", "nis", act=act, filter="clear", pupil=pupil)
        return [o]
    o = Observation(p, "nircam wide field slitless spectroscopy", "nircam", [], module="a")
    for act, filt in enumerate(rng.sample(["f322w2", "f356w", "f444w"], rng.randint(1, 2)), start=1):
        for det in NRC_SW_A:
            o.row("nrc_image", det, act=act, filter="f200w", pupil="clear", channel="short")
        o.row("nrc_image", "nrcalong", act=act, filter=filt, pupil="clear", channel="long")
        for k in range(1, 5):
            o.row("nrc_wfss", "nrcalong", act=act, filter=filt, pupil="grismr", channel="long",
                  numdthpt="4", patt_num=str(k))
    return [o]


def tso(p: Program, rng: random.Random, _: list) -> list[Observation]:
    kind = rng.choice(("nis_soss", "nrc_tsgrism", "nrc_tsimage", "mir_lrs-slitless", "nrs_brightobj"))
    inst = {"nis": "niriss", "nrc": "nircam", "mir": "miri", "nrs": "nirspec"}[kind[:3]]
    o = Observation(p, "time series observation", inst, [], tsovisit="t", nints="1200")
    ta = {"niriss": "nis_tacq", "nircam": "nrc_tacq", "miri": "mir_tacq", "nirspec": "nrs_wata"}[inst]
    det = {"niriss": "nis", "nircam": "nrcalong", "miri": "mirimage", "nirspec": "nrs1"}[inst]
    o.row(ta, det, act=1, pntgtype="target_acquisition", tsovisit="f", nints="1")
    for seg in range(1, rng.randint(2, 6)):
        sub = {"niriss": "substrip256", "nircam": "subgrism64", "miri": "slitlessprism",
               "nirspec": "sub2048"}[inst]
        o.row(kind, det, act=2, subarray=sub, exsegtot=str(seg), filter="clear")
    return [o]


def coronagraphy(p: Program, rng: random.Random, _: list) -> list[Observation]:
    groups = [(p.next_group(), "coronagraphy"), (p.next_group(), "group")]
    target = p.next_target()
    observations = []
    miri = rng.random() < 0.3
    for psf in (False, True):
        o = Observation(p, "coronagraphic imaging", "miri" if miri else "nircam", groups,
                        target=p.next_target() if psf else target, is_psf="t" if psf else "f")
        if miri:
            o.row("mir_tacq", "mirimage", act=1, filter="f1000w", pntgtype="target_acquisition")
            for k in range(1, 5):
                o.row(rng.choice(("mir_4qpm", "mir_lyot")), "mirimage", act=2, filter="f1140c",
                      subarray="mask1140", numdthpt="4", patt_num=str(k))
        else:
            o.row("nrc_tacq", "nrca2", act=1, filter="f335m", pupil="maskrnd", subarray="sub64fp1a",
                  pntgtype="target_acquisition")
            o.row("nrc_taconfirm", "nrca2", act=2, filter="f335m", pupil="maskrnd",
                  pntgtype="target_acquisition")
            for k in range(1, rng.choice((2, 5, 9)) + 1):
                o.row("nrc_coron", "nrcalong", act=3, filter="f335m", pupil="maskrnd",
                      subarray="sub320a335r", channel="long", numdthpt="9", patt_num=str(k))
        observations.append(o)
    return observations


def ami(p: Program, rng: random.Random, _: list) -> list[Observation]:
    group = [(p.next_group(), "ami")]
    target = p.next_target()
    observations = []
    for psf in (False, True):
        o = Observation(p, "niriss aperture masking interferometry", "niriss", group,
                        target=p.next_target() if psf else target, is_psf="t" if psf else "f",
                        pupil="nrm", subarray="sub80")
        o.row("nis_taconfirm", "nis", act=1, filter="f480m", pntgtype="target_acquisition")
        for filt in rng.sample(["f380m", "f430m", "f480m"], rng.randint(1, 2)):
            o.row("nis_ami", "nis", act=2, filter=filt)
        observations.append(o)
    return observations


def wfsc(p: Program, rng: random.Random, _: list) -> list[Observation]:
    o = Observation(p, "wfsc sensing", "nircam", [], visitype="prime_wfsc_sensing_control",
                    patttype="wfsc")
    for k in range(1, rng.randint(2, 6)):
        for det in ("nrca3", "nrcalong"):
            o.row("nrc_image", det, act=k, filter="f212n" if det == "nrca3" else "f405n",
                  pupil="wlp8" if k % 2 else "wlm8", subarray="sub96dhspila", numdthpt="2", patt_num="0")
    return [o]


def calibration(p: Program, rng: random.Random, _: list) -> list[Observation]:
    kind, inst, det = rng.choice([("nrc_dark", "nircam", "nrca1"), ("mir_darkimg", "miri", "mirimage"),
                                  ("nrs_lamp", "nirspec", "nrs1"), ("nis_dark", "niriss", "nis"),
                                  ("fgs_image", "fgs", "guider1"), ("nrc_flat", "nircam", "nrcb4")])
    o = Observation(p, "calibration", inst, [], pntgtype="engineering" if "image" not in kind else "science")
    for k in range(1, rng.randint(2, 8)):
        o.row(kind, det, act=k)
    return [o]


TEMPLATES = [  # (builder, weight): shares of observations, after real pools
    (nircam_image, 26), (miri_image, 10), (nirspec_fs, 6), (nirspec_ifu, 7), (nirspec_msa, 8),
    (miri_mrs, 7), (miri_lrs, 3), (wfss, 6), (tso, 5), (coronagraphy, 4), (ami, 2), (wfsc, 4),
    (calibration, 6),
]
MOSAIC_BUILDERS = (nircam_image, miri_image)


def program_rows(number: int, target_rows: int, rng: random.Random) -> Iterator[dict[str, str]]:
    """Observations of one program until it has about target_rows rows."""
    program = Program(number, rng)
    picked = rng.choices([b for b, _ in TEMPLATES], [w for _, w in TEMPLATES], k=rng.randint(1, 4))
    builders = list(dict.fromkeys(picked))
    weights = [picked.count(b) for b in builders]
    produced = 0
    mosaic: list[tuple[str, str]] = []
    mosaic_left = 0
    while produced < target_rows and program.obs < 900:
        builder = rng.choices(builders, weights)[0]
        if builder in MOSAIC_BUILDERS and mosaic_left == 0 and rng.random() < 0.3:
            mosaic, mosaic_left = [(program.next_group(), "mosaic")], rng.randint(2, 4)
        observations = builder(program, rng, mosaic if mosaic_left else [])
        if builder in MOSAIC_BUILDERS and mosaic_left:
            mosaic_left -= 1
        for observation in observations:
            produced += len(observation.rows)
            yield from observation.rows


def pool_rows(n_rows: int, seed: int) -> Iterator[dict[str, str]]:
    """Exactly n_rows rows: programs of log-normal size (median ~400 exposures)."""
    rng = random.Random(seed)
    numbers = rng.sample(range(1000, 100000), 99000)
    written = 0
    for number in numbers:
        size = int(min(30000, max(5, rng.lognormvariate(6.0, 1.2))))
        for row in program_rows(number, size, rng):
            yield row
            written += 1
            if written == n_rows:
                return
    raise ValueError(f"cannot make {n_rows} rows from 99000 programs")


def parse_size(text: str) -> int:
    """'1000', '10k', '1M', '1e5' -> int."""
    text = text.strip().lower().replace("_", "")
    scale = {"k": 1000, "m": 1000000}.get(text[-1:], 1)
    number = text[:-1] if scale > 1 else text
    return int(float(number) * scale)


def write_pool(n_rows: int, path: Path, seed: int = 1) -> Path:
    """Write the pool of n_rows rows for seed to path (|-delimited, header first)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="ascii", newline="\n") as out:
        out.write("|".join(c.upper() for c in COLUMNS) + "\n")
        lines = []
        for row in pool_rows(n_rows, seed):
            lines.append("|".join([row.get(c, "null") for c in COLUMNS]))
            if len(lines) >= 10000:
                out.write("\n".join(lines) + "\n")
                lines.clear()
        if lines:
            out.write("\n".join(lines) + "\n")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=parse_size, help="number of exposures: 1000, 10k, 1M")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    write_pool(args.rows, args.output, args.seed)
    print(f"wrote {args.rows} rows to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

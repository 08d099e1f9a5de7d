"""Small FITS files written at test time (header only) for the toolbox tests."""

from __future__ import annotations

from pathlib import Path

from astropy.io import fits


def write_fits(path: Path, comments: bool = False, **keywords: object) -> Path:
    """A header-only FITS file with these primary-header keywords."""
    header = fits.Header()
    for key, value in keywords.items():
        header[key] = value
    if comments:
        header["COMMENT"] = "a comment"
        header["HISTORY"] = "hist"
    fits.PrimaryHDU(header=header).writeto(path, overwrite=True)
    return path


def write_keyword_files(folder: Path) -> list[Path]:
    """Three files with mixed keywords: booleans, floats, a value with '|', an empty one."""
    return [
        write_fits(folder / "jw01_a_rate.fits", comments=True, OBSERVTN="001", TARGNAME="NGC 1",
                   PROGRAM="01500", EXP_TYPE="NRC_IMAGE", FLAG=True, VAL=1.5, N=3),
        write_fits(folder / "jw01_b_rate.fits", comments=True, OBSERVTN="001", TARGNAME="NGC 1",
                   PROGRAM="01500", EXP_TYPE="NRC_IMAGE", DMS_NOTE="hdr", PNTGTYPE="x"),
        write_fits(folder / "jw01_c_rate.fits", comments=True, OBSERVTN="002", TARGNAME="M31",
                   PROGRAM="01500", EXP_TYPE="NRC_IMAGE", OTHER="a|b", EMPTY=""),
    ]


IMAGING_COMMON = dict(PROGRAM="01500", VISITYPE="PRIME_TARGETED_FIXED", INSTRUME="NIRCAM",
                      DETECTOR="NRCA1", PUPIL="CLEAR", SUBARRAY="FULL", BKGDTARG=False,
                      IS_PSF=False, TSOVISIT=False, EXP_TYPE="NRC_IMAGE")
IMAGING_ROWS = (
    ("jw01500001001_03101_00001_nrca1_uncal.fits", "001", "NGC 1", "F090W"),
    ("jw01500001001_03101_00002_nrca1_uncal.fits", "001", "NGC 1", "F090W"),
    ("jw01500001001_03103_00001_nrca1_uncal.fits", "001", "NGC 1", "F200W"),
    ("jw01500002001_03101_00001_nrca1_uncal.fits", "002", "M31", "F090W"),
)


def write_imaging_files(folder: Path) -> list[Path]:
    """Four NIRCam imaging exposures as their headers say: two observations, two targets."""
    return [write_fits(folder / name, OBSERVTN=obs, TARGNAME=target, FILTER=filt, **IMAGING_COMMON)
            for name, obs, target, filt in IMAGING_ROWS]

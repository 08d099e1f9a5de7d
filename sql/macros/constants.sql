{#
  Constants shared by models and rules: exposure-type lists and optical-path
  tables of the reference generator (jwst.associations.lib.dms_base), as Jinja
  variables. Every template sees them by name (e.g. ACQ_EXP_TYPES).
#}

{# Target-acquisition EXP_TYPEs (ACQ_EXP_TYPES). #}
{% set ACQ_EXP_TYPES = ['mir_tacq', 'mir_taconfirm', 'nis_taconfirm', 'nis_tacq', 'nrc_taconfirm',
                        'nrc_tacq', 'nrs_confirm', 'nrs_msata', 'nrs_taconfirm', 'nrs_tacq',
                        'nrs_taslit', 'nrs_verify', 'nrs_wata'] %}

{# EXP_TYPE -> base member exptype, for the types that are not plain science (EXPTYPE_MAP). #}
{% set EXPTYPE_MAP = {
    'mir_darkall': 'dark', 'mir_darkimg': 'dark', 'mir_darkmrs': 'dark',
    'mir_flatimage': 'flat', 'mir_flatmrs': 'flat', 'mir_flatimage-ext': 'flat', 'mir_flatmrs-ext': 'flat',
    'mir_tacq': 'target_acquisition', 'mir_taconfirm': 'target_acquisition',
    'nis_dark': 'dark', 'nis_focus': 'engineering', 'nis_lamp': 'engineering',
    'nis_tacq': 'target_acquisition', 'nis_taconfirm': 'target_acquisition',
    'nrc_dark': 'dark', 'nrc_flat': 'flat', 'nrc_focus': 'engineering', 'nrc_led': 'engineering',
    'nrc_tacq': 'target_acquisition', 'nrc_taconfirm': 'target_acquisition',
    'nrs_autoflat': 'autoflat', 'nrs_autowave': 'autowave', 'nrs_confirm': 'target_acquisition',
    'nrs_dark': 'dark', 'nrs_focus': 'engineering', 'nrs_image': 'engineering', 'nrs_lamp': 'engineering',
    'nrs_msata': 'target_acquisition', 'nrs_tacq': 'target_acquisition',
    'nrs_taconfirm': 'target_acquisition', 'nrs_taslit': 'target_acquisition',
    'nrs_wata': 'target_acquisition'} %}

{% set CORON_EXP_TYPES = ['mir_4qpm', 'mir_lyot', 'nrc_coron'] %}
{% set TSO_EXP_TYPES = ['nrc_tsimage', 'nrc_tsgrism', 'nrs_brightobj'] %}

{# Level 2 imaging science types, in the reference's order (the order matters for regex quirks). #}
{% set IMAGE2_SCIENCE_EXP_TYPES = ['fgs_image', 'mir_4qpm', 'mir_image', 'mir_lyot', 'nis_ami',
                                   'nis_image', 'nrc_coron', 'nrc_image', 'nrs_mimf', 'nrc_tsimage'] %}
{% set IMAGE2_NONSCIENCE_EXP_TYPES = ['mir_coroncal', 'nis_focus', 'nrc_focus', 'nrs_focus', 'nrs_image']
                                     + ACQ_EXP_TYPES %}
{% set SPEC2_SCIENCE_EXP_TYPES = ['mir_lrs-fixedslit', 'mir_lrs-slitless', 'mir_mrs', 'mir_wfss',
                                  'nis_soss', 'nis_wfss', 'nrc_tsgrism', 'nrc_wfss', 'nrs_fixedslit',
                                  'nrs_ifu', 'nrs_msaspec', 'nrs_brightobj'] %}

{# EXP_TYPEs whose Level 3 member name is a Level 2b product (`_cal`); others keep `_rate`. #}
{% set LEVEL2B_EXPTYPES = IMAGE2_SCIENCE_EXP_TYPES + IMAGE2_NONSCIENCE_EXP_TYPES + SPEC2_SCIENCE_EXP_TYPES %}

{# Level 3 image EXP_TYPEs (Constraint_Image). #}
{% set IMAGE3_EXP_TYPES = ['nrc_image', 'mir_image', 'nis_image', 'fgs_image', 'nrs_mimf'] %}

{# Candidate types that need at least two observations in a Level 3 association. #}
{% set MULTI_OBS_AC_TYPES = ['group', 'background', 'mosaic'] %}

{# Known file-name suffixes (jwst.lib.suffix, jwst 3.0.0): Level 2 product names drop one. #}
{% set KNOWN_SUFFIXES = ['adaptive_trace_model', 'adaptivetracemodelstep', 'align_refs', 'alignrefsstep',
  'ami', 'ami-oi', 'ami3pipeline', 'ami_analyze', 'ami_normalize', 'amianalyzestep', 'aminorm',
  'aminorm-oi', 'aminormalizestep', 'assign_mtwcs', 'assign_wcs', 'assignmtwcsstep', 'assignwcsstep',
  'backgroundstep', 'badpixselfcalstep', 'barshadowstep', 'bkg_subtract', 'blot', 'bsub', 'bsubints',
  'c1d', 'cal', 'calints', 'cat', 'chargemigrationstep', 'clean_flicker_noise', 'cleanflickernoisestep',
  'combine1dstep', 'combine_1d', 'coron3pipeline', 'crf', 'crfints', 'cube_build', 'cubebuildstep',
  'dark', 'dark_current', 'darkcurrentstep', 'darkpipeline', 'detector1pipeline', 'dq_init',
  'dqinitstep', 'emicorr', 'emicorrstep', 'engdblog', 'extract1dstep', 'extract2dstep', 'extract_1d',
  'extract_2d', 'firstframe', 'firstframestep', 'flat_field', 'flatfieldstep', 'fringe', 'fringestep',
  'gain_scale', 'gainscalestep', 'group_scale', 'groupscalestep', 'guider_cds', 'guidercdsstep',
  'guiderpipeline', 'hlsp', 'hlspstep', 'i2d', 'image2pipeline', 'image3pipeline', 'imprint',
  'imprintstep', 'ipc', 'ipcstep', 'jump', 'jumpstep', 'klip', 'klipstep', 'lastframe', 'lastframestep',
  'linearity', 'linearitystep', 'master_background', 'masterbackgroundmosstep', 'masterbackgroundstep',
  'mbsub', 'median', 'msaflagopenstep', 'outlier_detection', 'outlierdetectionstep', 'pathloss',
  'pathlossstep', 'persistence', 'persistencestep', 'phot', 'photom', 'photomstep', 'picture_frame',
  'pictureframestep', 'pixelreplacestep', 'psfalign', 'psfstack', 'psfsub', 'ramp', 'ramp_fit',
  'rampfitstep', 'rate', 'rateints', 'refpix', 'refpixstep', 'resample', 'resample_spec',
  'resamplespecstep', 'resamplestep', 'reset', 'resetstep', 'residual_fringe', 'residualfringestep',
  'rscd', 'rscdstep', 's2d', 's3d', 'saturation', 'saturationstep', 'skymatch', 'skymatchstep', 'snr',
  'source_catalog', 'sourcecatalogstep', 'sourcetypestep', 'spec2nrslamp', 'spec2pipeline',
  'spec3pipeline', 'spectral_leak', 'spectralleakstep', 'srctype', 'stackrefs', 'stackrefsstep',
  'straylight', 'straylightstep', 'superbias', 'superbiasstep', 'targ_centroid', 'targcentroidstep',
  'tso3pipeline', 'tsophotometrystep', 'tweakreg', 'tweakregstep', 'uncal', 'wavecorrstep', 'wfscmb',
  'wfscombine', 'wfscombinestep', 'wfsscontamstep', 'white_light', 'whitelightstep', 'whtlt', 'x1d',
  'x1dints'] %}

{# Columns the reference reads. The exposures model supplies any the pool lacks as NULL. #}
{% set KNOWN_COLUMNS = ['filename', 'program', 'obs_num', 'obs_id', 'act_id', 'exp_type', 'instrume',
  'detector', 'channel', 'filter', 'band', 'pupil', 'grating', 'fxd_slit', 'subarray', 'targetid',
  'pntgtype', 'tsovisit', 'bkgdtarg', 'is_psf', 'is_imprt', 'visitype', 'patttype', 'patt_num',
  'numdthpt', 'subpxpts', 'subpxpns', 'expspcin', 'dithptin', 'mostilno', 'msametfl', 'msastate',
  'opmode', 'lamp', 'nints', 'dms_note', 'exposerr', 'asn_candidate'] %}

{# Columns some finalization steps read as raw text (`null` included), not as
   valid values: the exposures model adds raw_<column>, NULL when the pool lacks it. #}
{% set RAW_TEXT_COLUMNS = ['bkgdtarg', 'dithptin', 'exp_type', 'fxd_slit', 'numdthpt', 'patt_num',
                           'subpxpns', 'subpxpts'] %}

{# ASN_CANDIDATE literal syntax: a quoted string, a ('id', 'type') pair, a list of pairs. #}
{% set _QUOTED = "(?:'([^'\\\\]*)'|\"([^\"\\\\]*)\")" %}
{% set CANDIDATE_PAIR_REGEX = "\\(\\s*" ~ _QUOTED ~ "\\s*,\\s*" ~ _QUOTED ~ "\\s*,?\\s*\\)" %}
{% set CANDIDATE_LIST_REGEX = "[\\[(]\\s*(?:" ~ CANDIDATE_PAIR_REGEX ~ "\\s*(?:,\\s*" ~ CANDIDATE_PAIR_REGEX ~ "\\s*)*,?\\s*)?[\\])]" %}

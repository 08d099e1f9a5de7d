{{ rule(name='Asn_Lv2WFSSParallel', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2WFSSParallel') }}
{#
  Level 2b wide-field slitless spectroscopy taken in pure parallel: direct
  images and grism exposures come in separate observations, gathered by a
  direct_image candidate, and have no target. Only in runs of a
  direct_image candidate (ASN_CANDIDATE exactly [('cNNNN', 'direct_image')]).
  One association per grism exposure (nis_wfss, nrc_wfss, mir_wfss), with
  every direct image (nis_image, nrc_image, mir_image) of the same
  instrument; no program, detector or target grouping (target t000). Valid
  in any candidate type. No TSOVISIT pin either (the reference's
  Constraint_Base is not in this rule): a TSO direct image leaves the grism
  exposures named _rate.
  Finalization swaps the direct images for the catalog products of the
  first long-wavelength one (name containing 'long'), else the first one.
#}
WITH eligible AS (
    -- grism exposures and their direct images of a direct_image candidate
    SELECT run_id, _row,
           CASE WHEN {{ wfss_exptype() }} = 'science' THEN 'science' ELSE 'attach' END AS role,
           {{ wfss_exptype() }} AS exptype,
           {{ matches_regex('exp_type', ['nis_image', 'nrc_image', 'mir_image']) }} AS reoffered,
           instrume
    FROM {{ items() }}
    WHERE {{ all_checks({
        'in a direct_image candidate run': is_direct_image_candidate(),
        'EXP_TYPE is a WFSS grism or direct image type':
            matches_regex('exp_type', ['nis_wfss', 'nrc_wfss', 'mir_wfss'])
            ~ ' OR ' ~ matches_regex('exp_type', ['nis_image', 'nrc_image', 'mir_image']),
        'has an INSTRUME': 'instrume IS NOT NULL',
    }) }}
),
{{ per_science_row('eligible', keys=['instrume'], attach_reoffered='reoffered', unfinished=true) }},
{{ level2_associations('per_row_members', into='gathered', any_candidate=true, tso_pin=false,
                       describe=['instrume', 'exp_type']) }}
{% if finalize %}
, {{ wfss_catalog('gathered', into='cataloged', direct_choice='long') }}
SELECT * FROM cataloged
{% else %}
SELECT * FROM gathered
{% endif %}

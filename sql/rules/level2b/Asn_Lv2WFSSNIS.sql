{{ rule(name='Asn_Lv2WFSSNIS', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2WFSSNIS') }}
{#
  Level 2b NIRISS wide-field slitless spectroscopy: one association per
  grism exposure (nis_wfss), with every direct image (nis_image) of the
  same program, target, pupil (the blocking filter) and subarray as
  `direct_image`, and grism background-target exposures as `background`.
  Grouped on PUPIL, not FILTER: the GR150R and GR150C exposures share the
  direct images. Direct images are re-offered to associations created after
  them; other attached exposures only join associations that exist when
  they come.
  Finalization swaps the direct images for the catalog products of the one
  nearest after the grism exposure (see wfss_catalog).
#}
WITH eligible AS (
    -- grism exposures and their direct images
    SELECT run_id, _row,
           CASE WHEN {{ wfss_exptype() }} = 'science' THEN 'science' ELSE 'attach' END AS role,
           {{ wfss_exptype() }} AS exptype,
           exp_type = 'nis_image' AS reoffered,
           program, tsovisit, instrume, pupil, subarray,
           {{ level2_target_key() }} AS target_key
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'a TARGETID (unless a direct-image candidate)': level2_target_key() ~ ' IS NOT NULL',
        'EXP_TYPE is nis_wfss or nis_image': "exp_type IN ('nis_wfss', 'nis_image')",
        'has an INSTRUME, a PUPIL and a SUBARRAY':
            'instrume IS NOT NULL AND pupil IS NOT NULL AND subarray IS NOT NULL',
    }) }}
),
{{ per_science_row('eligible',
                   keys=['program', 'target_key', 'instrume', 'pupil', 'subarray'],
                   optional_keys=['tsovisit'], attach_reoffered='reoffered', unfinished=true) }},
{{ level2_associations('per_row_members', into='gathered',
                       describe=['program', 'targetid', 'instrume', 'pupil', 'subarray', 'exp_type']) }}
{% if finalize %}
, {{ wfss_catalog('gathered', into='cataloged', subarray_column='subarray') }}
SELECT * FROM cataloged
{% else %}
SELECT * FROM gathered
{% endif %}

{{ rule(name='Asn_Lv2WFSSMIR', level=2, asn_type='spec2',
        jwst='rules_level2b.py::Asn_Lv2WFSSMIR') }}
{#
  Level 2b MIRI wide-field slitless spectroscopy: one association per
  grism exposure (mir_wfss), with every direct image (mir_image) of the
  same program, target and detector as `direct_image`, and grism
  background-target exposures as `background`. A grism exposure on a
  detector without direct images gets no association. Direct images are
  re-offered to associations created after them; other attached exposures
  only join associations that exist when they come.
  Finalization swaps the direct images for the catalog products of the one
  nearest after the grism exposure (see wfss_catalog).
#}
WITH eligible AS (
    -- grism exposures and their direct images
    SELECT run_id, _row,
           CASE WHEN {{ wfss_exptype() }} = 'science' THEN 'science' ELSE 'attach' END AS role,
           {{ wfss_exptype() }} AS exptype,
           exp_type = 'mir_image' AS reoffered,
           program, tsovisit, instrume, detector,
           {{ level2_target_key() }} AS target_key
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'a TARGETID (unless a direct-image candidate)': level2_target_key() ~ ' IS NOT NULL',
        'EXP_TYPE is mir_wfss or mir_image': "exp_type IN ('mir_wfss', 'mir_image')",
        'has an INSTRUME and a DETECTOR': 'instrume IS NOT NULL AND detector IS NOT NULL',
    }) }}
),
{{ per_science_row('eligible',
                   keys=['program', 'target_key', 'instrume', 'detector'],
                   optional_keys=['tsovisit'], attach_reoffered='reoffered', unfinished=true) }},
{{ level2_associations('per_row_members', into='gathered',
                       describe=['program', 'targetid', 'instrume', 'detector', 'exp_type']) }}
{% if finalize %}
, {{ wfss_catalog('gathered', into='cataloged') }}
SELECT * FROM cataloged
{% else %}
SELECT * FROM gathered
{% endif %}

{% macro level2_wfss(grism_exp_type, image_exp_type, mode_keys, finalize, subarray_column=none) %}
{#-
  The body of the Level 2b WFSS rules of one instrument (Asn_Lv2WFSSNIS,
  Asn_Lv2WFSSNRC, Asn_Lv2WFSSMIR; AsnMixin_Lv2WFSS): one association per
  grism exposure, with every direct image of the same program, target and
  mode as `direct_image`, and grism background-target exposures as
  `background`. Direct images are re-offered to associations created after
  them; other attached exposures only join associations that exist when
  they come. Finalization swaps the direct images for the catalog products
  of the chosen one (wfss_catalog).

  Arguments:
    grism_exp_type: EXP_TYPE of the grism exposures (e.g. 'nrc_wfss')
    image_exp_type: EXP_TYPE of the direct images (e.g. 'nrc_image')
    mode_keys: item columns grism and direct image must share, besides
      program and target (e.g. ['detector']); all must be present
    finalize: the template's `finalize` (macros do not see the context)
    subarray_column: passed to wfss_catalog
-#}
WITH eligible AS (
    -- grism exposures and their direct images
    SELECT run_id, _row,
           CASE WHEN {{ wfss_exptype() }} = 'science' THEN 'science' ELSE 'attach' END AS role,
           {{ wfss_exptype() }} AS exptype,
           exp_type = {{ image_exp_type | sqlstr }} AS reoffered,
           program, tsovisit, instrume, {{ mode_keys | join(', ') }},
           {{ level2_target_key() }} AS target_key
    FROM {{ items() }}
    WHERE {{ all_checks({
        'has a PROGRAM': 'program IS NOT NULL',
        'a TARGETID (unless a direct-image candidate)': level2_target_key() ~ ' IS NOT NULL',
        'EXP_TYPE is ' ~ grism_exp_type ~ ' or ' ~ image_exp_type:
            'exp_type IN ' ~ ([grism_exp_type, image_exp_type] | sqllist),
        'has an INSTRUME, ' ~ (mode_keys | map('upper') | join(', ')):
            (['instrume'] + mode_keys) | join(' IS NOT NULL AND ') ~ ' IS NOT NULL',
    }) }}
),
{{ per_science_row('eligible',
                   keys=['program', 'target_key', 'instrume'] + mode_keys,
                   optional_keys=['tsovisit'], attach_reoffered='reoffered', unfinished=true) }},
{{ level2_associations('per_row_members', into='gathered',
                       describe=['program', 'targetid', 'instrume'] + mode_keys + ['exp_type']) }}
{% if finalize %}
, {{ wfss_catalog('gathered', into='cataloged', subarray_column=subarray_column) }}
SELECT * FROM cataloged
{% else %}
SELECT * FROM gathered
{% endif %}
{%- endmacro %}

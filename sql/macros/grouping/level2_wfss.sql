{# What the WFSS rules of every instrument key and describe their associations by,
   besides their mode keys (each rule's own: DETECTOR; PUPIL and SUBARRAY for NIRISS). #}
{% set LEVEL2_WFSS_KEYS = ['program', 'target_key', 'instrume'] %}
{% set LEVEL2_WFSS_DESCRIBED = ['program', 'targetid', 'instrume'] %}

{% macro level2_wfss_eligible(grism_exp_type, image_exp_type, mode_keys) %}
{#-
  The rows of a Level 2b WFSS rule of one instrument (Asn_Lv2WFSSNIS,
  Asn_Lv2WFSSNRC, Asn_Lv2WFSSMIR; AsnMixin_Lv2WFSS), as a SELECT for the
  rule's `eligible` CTE: its grism exposures (role 'science', or 'attach' as
  background targets) and its direct images (role 'attach', re-offered to
  associations created after them). The rule then groups them with
  per_science_row (one association per grism exposure, every direct image of
  the same program, target and mode) and names them with
  level2_wfss_associations.

  Arguments:
    grism_exp_type: EXP_TYPE of the grism exposures (e.g. 'nrc_wfss')
    image_exp_type: EXP_TYPE of the direct images (e.g. 'nrc_image')
    mode_keys: item columns grism and direct image must share, besides
      program and target (e.g. ['detector']); all must be present
-#}
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
{%- endmacro %}

{% macro level2_wfss_associations(members, finalize, describe=[], subarray_column=none, family=false) %}
{#-
  The output of a Level 2b WFSS rule from its per_science_row members
  (level2_associations), then, when finalizing, the direct images swapped for
  the catalog products of the chosen one (wfss_catalog). Ends the statement.

  Arguments:
    members: the per_science_row CTE (per_row_members)
    finalize: the template's `finalize` (macros do not see the context)
    describe: item columns shown in the constraints text
    subarray_column: passed to wfss_catalog
    family: the members are those of several WFSS rules (a rule family,
      models/level2_wfss_family.sql: a `rule` column); describe and
      subarray_column may then be mappings rule -> value
-#}
{{ level2_associations(members, into='gathered', describe=describe, family=family) }}
{% if finalize %}
, {{ wfss_catalog('gathered', into='cataloged', subarray_column=subarray_column, family=family) }}
SELECT * FROM cataloged
{% else %}
SELECT * FROM gathered
{% endif %}
{%- endmacro %}

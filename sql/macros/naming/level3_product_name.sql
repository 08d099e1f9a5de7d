{% macro level3_product_name(variant='default') %}
{#-
  Level 3 product name (DMS_Level3_Base.dms_product_name and variants),
  from the parts computed in level3_associations: first_program (padded),
  acid_id, target_part (tNNN), instrume, opt_elem_part, slit_name,
  subarray_part. Placeholders such as {source_id} stay literal, as in the
  reference. The caller lower-cases the result.
  Arguments:
    variant: default | noopt | sources | nrsfs_sources | coronimage | wfscmb
      (wfscmb reads a.detector and a.act_id: pass them as name_columns)
-#}
{% set head = "'jw' || pad_left(a.first_program, 5, '0') || '-' || a.acid_id || '_'" %}
{% set slit = "CASE WHEN a.slit_name = '' THEN '' ELSE '-' || a.slit_name END" %}
{% if variant == 'default' %}
{{ head }} || a.target_part || '_' || regex_escape(a.instrume) || '_' || a.opt_elem_part || {{ slit }} || a.subarray_part
{% elif variant == 'noopt' %}
{{ head }} || a.target_part || '_' || regex_escape(a.instrume)
{% elif variant == 'sources' %}
{{ head }} || '{source_id}_' || regex_escape(a.instrume) || '_' || a.opt_elem_part || {{ slit }} || a.subarray_part
{% elif variant == 'nrsfs_sources' %}
{{ head }} || a.target_part || '-{source_id}_' || regex_escape(a.instrume) || '_' || a.opt_elem_part || '-{slit_name}' || a.subarray_part
{% elif variant == 'coronimage' %}
{{ head }} || a.target_part || '_' || regex_escape(a.instrume) || '_' || a.opt_elem_part || a.subarray_part || '-image3'
{% elif variant == 'wfscmb' %}
{{ head }} || a.target_part || '_' || regex_escape(a.instrume) || '_' || a.opt_elem_part || {{ slit }} || a.subarray_part
    || '-' || regex_escape(a.detector) || '_{suffix}-' || pad_left(regex_escape(a.act_id), 2, '0')
{% else %}
{{ raise_error('unknown product name variant ' ~ variant) }}
{% endif %}
{%- endmacro %}

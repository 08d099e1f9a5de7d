"""The relational view of generated associations: associations, products, members.

The same three tables are written into a catalog (asnsql.catalog) and exported
as Parquet (export_parquet). Queries read the output_* tables of the last
generation in a pool's database.
"""

from __future__ import annotations

from pathlib import Path

from asnsql.duck import duckdb
from asnsql.errors import OutputError
from asnsql.pool import Pool

OUTPUT_TABLES = {
    "associations": """
        SELECT asn_name, level, asn_type, asn_rule, asn_id, program, target, degraded,
               (SELECT version_id FROM settings) AS version_id
        FROM output_associations ORDER BY write_order""",
    "products": """
        SELECT DISTINCT a.asn_name, p.product_index, p.product_name AS name
        FROM output_products p JOIN output_associations a USING (out_key)
        ORDER BY a.asn_name, p.product_index""",
    "members": """
        SELECT a.asn_name, m.product_index,
               row_number() OVER (PARTITION BY m.out_key, m.product_index
                                  ORDER BY m.source_order, m.member_order) - 1 AS member_index,
               m.expname, m.exptype, m.exposerr, m.asn_candidate, r._row
        FROM output_members m
        JOIN output_associations a USING (out_key)
        LEFT JOIN (SELECT p.out_key, p.product_index, p.source_order, rm.member_order, rm._row
                   FROM output_products p JOIN rule_members rm USING (run_id, rule, asn_key)) r
          USING (out_key, product_index, source_order, member_order)
        ORDER BY a.asn_name, m.product_index, member_index""",
}


def export_parquet(pool: Pool, folder: str | Path) -> list[Path]:
    """Write associations.parquet, products.parquet and members.parquet into `folder`.

    Each table also carries the pool's file name (`asn_pool`), so exports of many
    pools can be read together (e.g. read_parquet('*/members.parquet')).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise OutputError(f"{folder}: export folder does not exist; create it first")
    written = []
    for table in OUTPUT_TABLES:
        path = folder / f"{table}.parquet"
        write_table_parquet(pool, table, path)
        written.append(path)
    return written


def write_table_parquet(pool: Pool, table: str, path: Path) -> None:
    """Write one of OUTPUT_TABLES of the pool's last generation as a Parquet file."""
    try:
        pool.db.execute(
            f"COPY (SELECT $pool AS asn_pool, * FROM ({OUTPUT_TABLES[table]})) "
            f"TO '{_sql_path(path)}' (FORMAT parquet)", {"pool": pool.name})
    except duckdb.Error as exc:
        raise OutputError(f"{path}: cannot write: {str(exc).splitlines()[0]}") from None


def _sql_path(path: Path) -> str:
    # COPY ... TO takes a literal; the path is the user's own argument, quoted safely
    return str(path).replace("'", "''")

"""Glue Data Catalog: databases and tables (created through the API)."""

from __future__ import annotations

from advisor.verify.api.common import client


def _database(name, p, ctx):
    db = p["DatabaseInput"]
    client("glue").create_database(DatabaseInput=db)
    return db["Name"], {}


def _verify_database(p, db_name):
    client("glue").get_database(Name=db_name)
    return None


def _table(name, p, ctx):
    table = p["TableInput"]
    client("glue").create_table(DatabaseName=p["DatabaseName"], TableInput=table)
    return table["Name"], {}


def _verify_table(p, table_name):
    got = client("glue").get_table(DatabaseName=p["DatabaseName"], Name=table_name)["Table"]
    want = p["TableInput"].get("StorageDescriptor", {}).get("Location")
    if want and got.get("StorageDescriptor", {}).get("Location") != want:
        return "table location differs"
    return None


CREATED_BY_API = {
    "AWS::Glue::Database": (_database, _verify_database),
    "AWS::Glue::Table": (_table, _verify_table),
}

STACK_VERIFIERS: dict = {}

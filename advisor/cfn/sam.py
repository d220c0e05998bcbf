"""Offline SAM transform: what `sam package` + CloudFormation's transform do, without an account.

Local code folders (CodeUri: src/) become S3 locations in an artifacts bucket, as `sam package`
would upload them; local definition files are inlined. aws-sam-translator then expands the
template using its bundled map of AWS managed policies, so no AWS call is made.
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from advisor.errors import DataError
from advisor.catalog.safe_yaml import load_file

ARTIFACT_BUCKET = "pattern-advisor-artifacts"
SAM_TRANSFORM = "AWS::Serverless-2016-10-31"


@dataclass
class Packaged:
    template: dict
    artifacts: dict[str, bytes] = field(default_factory=dict)  # S3 key -> zip bytes
    folders: dict[str, Path] = field(default_factory=dict)  # S3 key -> local code folder


def is_sam(template: dict) -> bool:
    transform = template.get("Transform")
    return transform == SAM_TRANSFORM or (isinstance(transform, list) and SAM_TRANSFORM in transform)


def zip_folder(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                info = zipfile.ZipInfo(str(path.relative_to(folder)), date_time=(2020, 1, 1, 0, 0, 0))
                zf.writestr(info, path.read_bytes())
    return buf.getvalue()


def package(template: dict, base_dir: Path, key_prefix: str, display: str) -> Packaged:
    """Replace local paths with artifact locations, as `sam package` would."""
    template = copy.deepcopy(template)
    packaged = Packaged(template)

    def code_location(local: str, where: str) -> str:
        folder = (base_dir / local).resolve()
        if not folder.is_relative_to(base_dir.resolve()):
            raise DataError(display, f"{where}: {local!r} points outside the pattern folder")
        if not folder.is_dir():
            raise DataError(display, f"{where}: code folder {local!r} does not exist")
        key = f"{key_prefix}/{local.strip('/').replace('/', '-') or 'root'}.zip"
        packaged.artifacts[key] = zip_folder(folder)
        packaged.folders[key] = folder
        return f"s3://{ARTIFACT_BUCKET}/{key}"

    def inline(local: str, where: str):
        path = (base_dir / local).resolve()
        if not path.is_relative_to(base_dir.resolve()):
            raise DataError(display, f"{where}: {local!r} points outside the pattern folder")
        return load_file(path, str(path), cfn_tags=True).data

    globals_fn = template.get("Globals", {}).get("Function", {}) if isinstance(template.get("Globals"), dict) else {}
    if isinstance(globals_fn.get("CodeUri"), str) and not globals_fn["CodeUri"].startswith("s3://"):
        globals_fn["CodeUri"] = code_location(globals_fn["CodeUri"], "Globals.Function.CodeUri")
    for name, body in (template.get("Resources") or {}).items():
        props = body.get("Properties") if isinstance(body, dict) else None
        if not isinstance(props, dict):
            continue
        kind = body.get("Type")
        if kind == "AWS::Serverless::Function" and isinstance(props.get("CodeUri"), str) and not props["CodeUri"].startswith("s3://"):
            props["CodeUri"] = code_location(props["CodeUri"], f"Resources.{name}.Properties.CodeUri")
        if kind == "AWS::Serverless::LayerVersion" and isinstance(props.get("ContentUri"), str) and not props["ContentUri"].startswith("s3://"):
            props["ContentUri"] = code_location(props["ContentUri"], f"Resources.{name}.Properties.ContentUri")
        if kind == "AWS::Serverless::StateMachine" and isinstance(props.get("DefinitionUri"), str) and not props["DefinitionUri"].startswith("s3://"):
            props["Definition"] = inline(props.pop("DefinitionUri"), f"Resources.{name}.Properties.DefinitionUri")
        if kind in ("AWS::Serverless::Api", "AWS::Serverless::HttpApi") and isinstance(props.get("DefinitionUri"), str) and not props["DefinitionUri"].startswith("s3://"):
            props["DefinitionBody"] = inline(props.pop("DefinitionUri"), f"Resources.{name}.Properties.DefinitionUri")
    return packaged


class _BundledPolicies:
    """Managed policy names -> ARNs from the map aws-sam-translator ships (no IAM call)."""

    def load(self) -> dict[str, str]:
        from samtranslator.internal.managed_policies import get_bundled_managed_policy_map

        return get_bundled_managed_policy_map("aws") or {}


def parameter_values(template: dict, overrides: dict | None = None) -> dict:
    """Defaults for every parameter (or the pattern's offline test values), plus the pseudo
    parameters of a us-east-1 test account."""
    values = {name: spec["Default"] for name, spec in (template.get("Parameters") or {}).items()
              if isinstance(spec, dict) and "Default" in spec}
    values.update(overrides or {})
    values.update({"AWS::Region": "us-east-1", "AWS::AccountId": "123456789012", "AWS::Partition": "aws",
                   "AWS::URLSuffix": "amazonaws.com", "AWS::StackName": "pattern-advisor-check"})
    return values


def transform(template: dict, display: str, overrides: dict | None = None) -> dict:
    """Expand a packaged SAM template into plain CloudFormation."""
    if not is_sam(template):
        return copy.deepcopy(template)
    import logging

    import boto3
    from samtranslator.model.exceptions import InvalidDocumentException, InvalidResourceException
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator
    from samtranslator.utils.py27hash_fix import to_py27_compatible_template, undo_mark_unicode_str_in_template

    # The translator logs its own metrics and feature-toggle notes; they are not ours to show.
    logging.getLogger("samtranslator").setLevel(logging.ERROR)
    fragment, values = copy.deepcopy(template), parameter_values(template, overrides)
    # A fixed session pins the Region; no call is made with it (the policy map is bundled).
    session = boto3.session.Session(region_name="us-east-1", aws_access_key_id="offline", aws_secret_access_key="offline")
    try:
        to_py27_compatible_template(fragment, values)
        translated = Translator(None, Parser(), boto_session=session).translate(
            fragment, parameter_values=values, get_managed_policy_map=_BundledPolicies().load)
        return undo_mark_unicode_str_in_template(translated)
    except InvalidDocumentException as exc:
        causes = "; ".join(str(c.message) for c in exc.causes)
        raise DataError(display, f"aws-sam-translator rejected the template: {causes}") from None
    except InvalidResourceException as exc:
        raise DataError(display, f"aws-sam-translator rejected the template: {exc.message}") from None

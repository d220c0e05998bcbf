"""Cognito: user pools and their app clients (created through the API)."""

from __future__ import annotations

from advisor.verify.api.common import REGION, client


def _user_pool(name, p, ctx):
    args = {k: p[k] for k in ("Policies", "AutoVerifiedAttributes", "UsernameAttributes", "MfaConfiguration",
                              "AdminCreateUserConfig", "AccountRecoverySetting") if k in p}
    pool = client("cognito-idp").create_user_pool(PoolName=p.get("UserPoolName", name), **args)["UserPool"]
    url = f"https://cognito-idp.{REGION}.amazonaws.com/{pool['Id']}"
    return pool["Id"], {"Arn": pool["Arn"], "ProviderName": url[8:], "ProviderURL": url, "UserPoolId": pool["Id"]}


def _verify_user_pool(p, pool_id):
    client("cognito-idp").describe_user_pool(UserPoolId=pool_id)
    return None


def _user_pool_client(name, p, ctx):
    args = {k: p[k] for k in ("GenerateSecret", "ExplicitAuthFlows", "AllowedOAuthFlows", "AllowedOAuthScopes",
                              "CallbackURLs", "SupportedIdentityProviders", "PreventUserExistenceErrors") if k in p}
    created = client("cognito-idp").create_user_pool_client(UserPoolId=p["UserPoolId"], ClientName=p.get("ClientName", name), **args)
    return created["UserPoolClient"]["ClientId"], {"ClientId": created["UserPoolClient"]["ClientId"]}


def _verify_user_pool_client(p, client_id):
    client("cognito-idp").describe_user_pool_client(UserPoolId=p["UserPoolId"], ClientId=client_id)
    return None


CREATED_BY_API = {
    "AWS::Cognito::UserPool": (_user_pool, _verify_user_pool),
    "AWS::Cognito::UserPoolClient": (_user_pool_client, _verify_user_pool_client),
}

STACK_VERIFIERS: dict = {}

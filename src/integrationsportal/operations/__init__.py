"""Operations: what the municipal IT provider watches and relies on while the
portal runs unattended (health and readiness checks, metrics, request logs)."""

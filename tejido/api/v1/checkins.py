from ninja import Router

router = Router(tags=["check-ins"])

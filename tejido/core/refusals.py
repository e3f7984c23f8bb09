"""Why there are no superusers in Tejido, said the same way by `createsuperuser` and by
`User.objects.create_superuser`."""

NO_SUPERUSERS = (
    "Tejido has no superusers: an account made this way would have no profile. "
    "Run `manage.py create_organiser` to make an organiser."
)

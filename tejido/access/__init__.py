"""THE privacy and permission policy: who may see and do what. Nothing outside this package
decides visibility; services, views, API operations, emails and templates ask it."""

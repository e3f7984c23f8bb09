"""A shared corpus of Spanish and English names, with what each query must find and the order
they all sort in. Every search (members now; events, the aid board and the directory later)
runs it through its real selector on SQLite and on PostgreSQL, so both give these results."""

# In the order they are created (a tie in sorting goes by creation). The second "Marisol" has
# a Cyrillic "\u0430".
NAMES = (
    "Zoë",
    "Álex Peña",
    "Alejandra Núñez",
    "Léa Martin",
    "Lucía Fernández",
    "lucas",
    "Ana María",
    "Anabel",
    "Ñoño Ibáñez",
    "François Çelik",
    "O'Brien",
    "Mary-Jane Watson",
    "Marisol",
    "M\u0430risol",
    "Ígor",
    "Éowyn",
    "José Luis",
    "Joséphine",
    "Ümit",
    "Sam 2",
)

# Accents, case and punctuation aside, by word: "Ana María" before "Anabel", "Léa" before
# "Lucía", "Álex" among the A's.
ORDER = (
    "Alejandra Núñez",
    "Álex Peña",
    "Ana María",
    "Anabel",
    "Éowyn",
    "François Çelik",
    "Ígor",
    "José Luis",
    "Joséphine",
    "Léa Martin",
    "lucas",
    "Lucía Fernández",
    "Marisol",
    "M\u0430risol",
    "Mary-Jane Watson",
    "Ñoño Ibáñez",
    "O'Brien",
    "Sam 2",
    "Ümit",
    "Zoë",
)

# Each query and what it finds, in ORDER's order: every word of the query starts a word of
# the name.
QUERIES = {
    "alex pena": ["Álex Peña"],
    " ÁLEX ": ["Álex Peña"],
    "ale": ["Alejandra Núñez", "Álex Peña"],
    "pe": ["Álex Peña"],
    "nunez": ["Alejandra Núñez"],
    "ñ": ["Alejandra Núñez", "Ñoño Ibáñez"],
    "lea": ["Léa Martin"],
    "luc": ["lucas", "Lucía Fernández"],
    "fran çel": ["François Çelik"],
    "francois celik": ["François Çelik"],
    "o'brien": ["O'Brien"],
    "brien": ["O'Brien"],
    "obrien": [],
    "mary-jane": ["Mary-Jane Watson"],
    "jane": ["Mary-Jane Watson"],
    "marisol": ["Marisol", "M\u0430risol"],
    "M\u0430risol": ["Marisol", "M\u0430risol"],
    "josé": ["José Luis", "Joséphine"],
    "jose luis": ["José Luis"],
    "luis jose": ["José Luis"],
    "2": ["Sam 2"],
    "zoe": ["Zoë"],
    "a m": ["Ana María"],
    "umit": ["Ümit"],
    "x": [],
    "¿?": [],
    '"ana" OR *': [],
    "ana' & !": ["Ana María", "Anabel"],
}

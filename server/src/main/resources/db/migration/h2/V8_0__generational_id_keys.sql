-- Index keys of ids in generations (nl.camiso.server.storage.GenerationalIdKeys): key =
-- generation << 48 | the top 48 bits of the id's 64-bit hash (V6, V7). New entries go to the last
-- generation, a small part of the index, instead of random places all over it, which H2 rewrites
-- page by page. Every row stored so far becomes generation 0: its key is its hash's top 48 bits.
-- All versions of an object in a collection share one key (DbObjectStore keeps it so).
UPDATE stix_object SET id_hash = URSHIFT(id_hash, 16);
UPDATE camiso_reference SET target_hash = URSHIFT(target_hash, 16);

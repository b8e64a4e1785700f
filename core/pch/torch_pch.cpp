// Anchor translation unit for the torch precompiled header (see torch_pch.h).

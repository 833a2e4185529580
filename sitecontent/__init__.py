"""The cluster's site content (from the seed documents) and the loader that puts it in the CMS."""

// placeholder so the component configures; replaced by real sources

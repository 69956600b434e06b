"""The paper reader: tabs of papers, each a continuous-scroll view with layers over the pages.

``tabs.PaperTabs`` holds one ``reader.Reader`` per open paper; a Reader is a toolbar, a
``view.PaperView`` (pages rendered off the GUI thread, text selection, find hits) and a
side panel (thumbnails, outline). Other features paint over the pages through
``layers.PageLayer``.
"""

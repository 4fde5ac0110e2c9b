"""Lämna in: reports handed in through the browser (/lamna-in), previewed and published as `etl load` does.

intake/jobs.py    one folder per handed-in file: receive it (size limit), preview it, publish it, cancel it
intake/annotate.py the copy of a rejected workbook with every located problem highlighted and commented
intake/web.py     the plain Flask routes the page's script and the template link use (install(app))
"""

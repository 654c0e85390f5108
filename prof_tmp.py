import time, runpy
t0=time.time()
import streamlit, pandas, altair
print("base imports", time.time()-t0)
from pyinstrument import Profiler
p = Profiler(interval=0.002); p.start()
t0=time.time()
runpy.run_path("dashboard.py", run_name="__main__")
p.stop()
print("run", time.time()-t0)
print(p.output_text(unicode=False, color=False, show_all=False))

# bench.gp - huff bench --plot: run "gnuplot bench.gp" in this directory
set terminal svg size 760,520 dynamic enhanced font 'Helvetica,12' background '#ffffff'
set grid lc rgb '#dddddd'
set key top left box opaque

# bench.gp - huff bench --plot: run "gnuplot bench.gp" in this directory
set terminal svg size 760,520 dynamic enhanced font 'Helvetica,12' background '#ffffff'
set grid lc rgb '#dddddd'
set key top left box opaque

set output 'size_vs_piece.svg'
set title 'Small files: total size, each piece its own frame'
set xlabel 'piece size, bytes'
set ylabel 'total compressed bytes'
set logscale x 2
set key top right
set arrow from 3341.36, graph 0 to 3341.36, graph 1 nohead lc rgb '#2ca02c' dt 2
set label 'measured break-even' at 3341.36, graph 0.95 left offset 0.5,0 tc rgb '#2ca02c'
set arrow from 2772.86, graph 0 to 2772.86, graph 1 nohead lc rgb '#9467bd' dt 3
set label 'predicted 8T/D' at 2772.86, graph 0.88 left offset 0.5,0 tc rgb '#9467bd'
plot 'small.dat' using 1:2 with linespoints lw 2 pt 7 lc rgb '#d62728' title 'own code per piece', \
     'small.dat' using 1:3 with linespoints lw 2 pt 5 lc rgb '#1f77b4' title 'shared model'
unset logscale x
unset arrow
unset label
set key top left

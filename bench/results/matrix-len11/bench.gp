# bench.gp - huff bench --plot: run "gnuplot bench.gp" in this directory
set terminal svg size 760,520 dynamic enhanced font 'Helvetica,12' background '#ffffff'
set grid lc rgb '#dddddd'
set key top left box opaque

set output 'overhead_vs_kl.svg'
set title 'Overhead of a mismatched model: L_q - L_p against D(p||q)'
set xlabel 'D(p||q), bits per byte'
set ylabel 'L_q - L_p, bits per byte'
set xrange [0:19.5]
set yrange [0:*]
plot 'overhead_vs_kl.dat' using 1:2 with points pt 7 ps 0.6 lc rgb '#1f77b4' title 'matrix: (model file, data file) pairs', \
     'sweep.dat' using 4:5 with points pt 6 ps 0.4 lc rgb '#ff7f0e' title 'sweep: mix and power steps', \
     x with lines lc rgb '#444444' dt 2 title 'y = x'
unset xrange
unset yrange

set output 'overhead_vs_lambda.svg'
set title 'Model sweep: q = (1-{/Symbol l}) p + {/Symbol l} uniform (grey: each file)'
set xlabel '{/Symbol l}'
set ylabel 'bits per byte'
set yrange [0:*]
plot 'sweep.dat' using ($2 == 0 ? $1 : 1/0):3 with lines lc rgb '#cccccc' notitle, \
     'sweep_mean.dat' index 0 using 1:2 with linespoints lw 2 pt 7 lc rgb '#1f77b4' title 'L_q - L_p, mean over the files', \
     'sweep_mean.dat' index 0 using 1:3 with linespoints lw 2 dt 2 pt 6 lc rgb '#d62728' title 'D(p||q), mean over the files'
unset yrange

set output 'overhead_vs_power.svg'
set title 'Model sweep: q = p^t normalised (grey: each file)'
set xlabel 't'
set ylabel 'bits per byte'
set yrange [0:*]
plot 'sweep.dat' using ($2 == 1 ? $1 : 1/0):3 with lines lc rgb '#cccccc' notitle, \
     'sweep_mean.dat' index 1 using 1:2 with linespoints lw 2 pt 7 lc rgb '#1f77b4' title 'L_q - L_p, mean over the files', \
     'sweep_mean.dat' index 1 using 1:3 with linespoints lw 2 dt 2 pt 6 lc rgb '#d62728' title 'D(p||q), mean over the files'
unset yrange

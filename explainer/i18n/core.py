"""The frame, validation, links, the home page, presentation and exports, guards and devices. English and Chinese side by side (explainer.i18n merges every catalogue)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "config_error": ("{field} = {value}: {rule}.", "{field} = {value}：{rule}。"),
    "rule.int": ("must be a whole number from {lo} to {hi}", "必须是 {lo} 到 {hi} 之间的整数"),
    "rule.range": ("must be from {lo} to {hi}", "必须在 {lo} 到 {hi} 之间"),
    "rule.bool": ("must be true or false", "必须是 true 或 false"),
    "rule.choice": ("must be one of {choices}", "必须是以下之一：{choices}"),
    "rule.rnn_only": (
        "nonlinearity applies only to nn.RNN; {mode} always uses tanh (and sigmoid in its gates)",
        "nonlinearity 只对 nn.RNN 有效；{mode} 固定使用 tanh（门使用 sigmoid）",
    ),
    "rule.number": ("must be a number", "必须是数字"),
    "rule.no_gpu": ("this server has no GPU", "这台服务器没有 GPU"),
    "rule.dropout_range": (
        "must be a probability from 0 to 1",
        "必须是 0 到 1 之间的概率",
    ),
    "rule.lstm_only": (
        "proj_size applies only to nn.LSTM, not nn.{mode}",
        "proj_size 只对 nn.LSTM 有效，nn.{mode} 没有这个参数",
    ),
    "rule.proj_lt_hidden": (
        "must be smaller than hidden_size ({hidden_size}); 0 turns the projection off",
        "必须小于 hidden_size（{hidden_size}）；0 表示不做投影",
    ),
    "rule.too_many_params": (
        "the module would have {count} parameters, above this app's limit of {limit}; "
        "lower hidden_size, num_layers or input_size",
        "模块将有 {count} 个参数，超过本应用的上限 {limit}；请减小 hidden_size、num_layers 或 input_size",
    ),
    "note.fallback": (
        "The link's setting {msg} Using {default} instead.",
        "链接中的设置有误：{msg}已改用 {default}。",
    ),
    "note.unknown": (
        "The link's setting '{name}' is not one this app knows; it was ignored.",
        "链接中的设置“{name}”无法识别，已忽略。",
    ),
    "app.title": ("RNN shapes, explained by real PyTorch", "用真实 PyTorch 讲清 RNN 的形状"),
    "nav.home": ("Home", "首页"),
    "nav.shapes": ("Shapes explorer", "形状浏览器"),
    "side.language": ("Language / 语言", "语言 / Language"),
    "side.device": ("Device", "设备"),
    "side.device_badge": (
        "Running on **{device}** · torch {version}",
        "运行于 **{device}** · torch {version}",
    ),
    "side.device_auto": ("GPU when present", "有 GPU 时用 GPU"),
    "side.module": ("Module", "模块"),
    "side.input": ("Input", "输入"),
    "side.unbatched": ("Unbatched (2-D input)", "不带 batch（二维输入）"),
    "side.pass_hx": ("Pass h_0 (and c_0)", "传入 h_0（和 c_0）"),
    "side.seed": ("Seed for weights and input", "权重与输入的随机种子"),
    "side.share": (
        "Every setting is in this page's address: copy it to share this exact view.",
        "所有设置都在本页网址里：复制网址即可分享当前画面。",
    ),
    "help.input_size": (
        "H_in: features per timestep (e.g. word-vector size).",
        "H_in：每个时间步的特征数（如词向量维度）。",
    ),
    "help.hidden_size": (
        "H_cell: hidden units, the size of h (and of an LSTM's c). With proj_size only "
        "c keeps it: h is projected to H_out = proj_size.",
        "H_cell：隐藏单元数，即 h（以及 LSTM 的 c）的大小。设置 proj_size 后只有 c 保持这个大小，"
        "h 被投影到 H_out = proj_size。",
    ),
    "help.num_layers": (
        "Stacked layers; layer k>0 reads layer k-1's output.",
        "堆叠层数；第 k>0 层读取第 k-1 层的输出。",
    ),
    "help.bidirectional": (
        "D = 2: a second pass runs from t = L-1 back to 0.",
        "D = 2：另一个方向从 t = L-1 倒着计算到 0。",
    ),
    "help.batch_first": (
        "Input and output become (N, L, …). States do not change.",
        "输入和输出变为 (N, L, …)；状态张量不变。",
    ),
    "help.bias": ("False removes both bias_ih and bias_hh.", "False 会同时去掉 bias_ih 和 bias_hh。"),
    "help.dropout": (
        "Applied between layers in training; not after the last layer.",
        "训练时在层与层之间使用；最后一层之后不用。",
    ),
    "help.proj_size": (
        "LSTM only: projects h to this size (0 = off).",
        "仅 LSTM：把 h 投影到这个大小（0 = 不投影）。",
    ),
    "help.seq_len": ("L: number of timesteps.", "L：时间步数。"),
    "help.batch_size": ("N: sequences in the batch.", "N：批量大小，即一个 batch 中的序列数。"),
    "guard.invalid": ("These settings are not valid:", "这些设置无效："),
    "guard.fix": (
        "Change it in the settings; torch would reject it too.",
        "请在设置中修改它；torch 同样会拒绝它。",
    ),
    "error.unexpected": (
        "Something went wrong while computing this page ({kind}). The settings were kept; "
        "try a smaller setting or reload.",
        "计算本页时出错（{kind}）。设置已保留；请尝试更小的设置或刷新页面。",
    ),
    "home.intro": (
        "This app runs the real `nn.RNN`, `nn.LSTM` and `nn.GRU` and shows the shape of every "
        "tensor and parameter, with the reason for it. Change any setting (in the sidebar, or under "
        "Settings at the top of the page on a phone); the link keeps it, so a teacher can share one "
        "link with a whole class.",
        "本应用运行真实的 `nn.RNN`、`nn.LSTM` 和 `nn.GRU`，展示每个张量和参数的形状以及原因。"
        "任意设置都可以修改（在侧边栏，手机上在页面顶部的“设置”里）；链接会保存这些设置，"
        "老师可以把同一个链接发给全班。",
    ),
    "home.start": ("Start with the shapes explorer", "从形状浏览器开始"),
    "home.pages": ("What each page does", "各页面的内容"),
    "home.letters": ("The letters PyTorch uses", "PyTorch 使用的符号"),
    "home.letters_note": (
        "These are the symbols of PyTorch's own documentation, used on every page. Textbooks "
        "differ: d2l writes `num_hiddens` and `X W_xh` (input on the left, weights not "
        "transposed); PyTorch stores `weight_ih` as (rows = gates·hidden, columns = input) and "
        "computes `x W_ih^T`.",
        "这些是 PyTorch 官方文档的符号，本应用各页都使用它们。教材的写法不同：d2l 写作 "
        "`num_hiddens` 和 `X W_xh`（输入在左、权重不转置）；PyTorch 把 `weight_ih` 存成（行数 "
        "= 门数 × 隐藏单元数，列数 = 输入特征数），计算的是 `x W_ih^T`。",
    ),
    "home.col.letter": ("Symbol", "符号"),
    "home.col.meaning": ("Meaning", "含义"),
    "home.col.value": ("Now", "当前值"),
    "home.col.aka": ("Also written", "其他写法"),
    "rule.text_len": ("must be 1 to {hi} characters long", "长度必须在 1 到 {hi} 个字符之间"),
    "rule.train_text_len": (
        "must be {lo} to {hi} characters long to train on (the model reads each character and learns to predict the "
        "next one, so a single character leaves nothing to predict)",
        "用于训练时长度必须在 {lo} 到 {hi} 个字符之间（模型读入每个字符并学习预测下一个字符，只有一个字符就没有可预测的内容）",
    ),
    "rule.text_printable": (
        "must be one line of text, without control characters such as line breaks or tabs (found {char})",
        "必须是一行文字，不能包含换行符、制表符等控制字符（发现了 {char}）",
    ),
    "budget_error": ("Too big to run here: {rule}.", "设置过大，无法在此运行：{rule}。"),
    "budget.or": (", or ", "，或 "),
    "budget.apply": ("Use {setting}", "改用 {setting}"),
    "device.fallback": (
        "The GPU failed ({reason}), so this was computed on the CPU instead.",
        "GPU 出错（{reason}），因此改在 CPU 上计算。",
    ),
    "rule.over_budget_trace": (
        "tracing this setting would take about {seconds} s of this shared {device} ({gflops} GFLOP, "
        "{mb} MB, {values} recorded numbers); one interaction may take {max_seconds} s, {max_mb} MB and "
        "{max_values} numbers, so that the rest of the class is not kept waiting. Settings that fit: "
        "{suggestion}",
        "跟踪该设置约需这台共享 {device} 的 {seconds} 秒（{gflops} GFLOP、{mb} MB、记录 {values} 个数）；"
        "为了不让全班其他同学等待，每次交互最多 {max_seconds} 秒、{max_mb} MB、{max_values} 个数。"
        "可以改用：{suggestion}",
    ),
    "rule.over_budget_packed": (
        "running this batch packed and unpacked would take about {seconds} s of this shared {device} "
        "({gflops} GFLOP, {mb} MB); one interaction may take {max_seconds} s and {max_mb} MB. "
        "Settings that fit: {suggestion}",
        "该批次打包与不打包各运行一次约需这台共享 {device} 的 {seconds} 秒（{gflops} GFLOP、{mb} MB）；"
        "每次交互最多 {max_seconds} 秒、{max_mb} MB。可以改用：{suggestion}",
    ),
    "rule.over_budget_forward": (
        "one forward pass would take about {seconds} s of this shared {device} ({gflops} GFLOP, {mb} MB); "
        "one interaction may take {max_seconds} s and {max_mb} MB. Settings that fit: {suggestion}",
        "一次前向约需这台共享 {device} 的 {seconds} 秒（{gflops} GFLOP、{mb} MB）；每次交互最多 "
        "{max_seconds} 秒、{max_mb} MB。可以改用：{suggestion}",
    ),
    "nav.hidden": ("Hidden states", "隐藏状态"),
    "nav.equations": ("Equation check", "公式验证"),
    "tol.cpu_float64": (
        "float64 on the CPU. The same sums in another order agree to about 1e-15; 1e-10 leaves room.",
        "CPU 上的 float64。同样的求和换个顺序，结果相差约 1e-15；1e-10 留有余量。",
    ),
    "tol.cpu_float32": (
        "float32 on the CPU. torch's fused kernels add in another order (about 1e-7 per operation); "
        "1e-5 covers long sequences and every corner of this app's limits measured.",
        "CPU 上的 float32。torch 的融合内核求和顺序不同（每次运算约 1e-7）；1e-5 足以覆盖长序列，"
        "以及本应用限制内实测过的所有极端设置。",
    ),
    "tol.cuda_tf32": (
        "float32 on CUDA, where cuDNN runs RNN matmuls in TF32 (a 10-bit mantissa) on "
        "Ampere and newer GPUs: allowed here because `{setting}`. 1e-2 covers TF32 emulated "
        "on the CPU for every setting measured (worst 2.2e-3).",
        "CUDA 上的 float32：在 Ampere 及更新的 GPU 上，cuDNN 以 TF32（10 位尾数）执行 "
        "RNN 矩阵乘法，此处因为 `{setting}` 而允许。1e-2 覆盖了在 CPU 上模拟 TF32 时实测的所有设置（最差 "
        "2.2e-3）。",
    ),
    "tol.cuda_float32": (
        "float32 on CUDA with full-precision (IEEE) RNN matmuls: in force here because `{setting}`.",
        "CUDA 上的 float32，RNN 矩阵乘法使用完整精度（IEEE）：此处生效的设置是 `{setting}`。",
    ),
    "tol.scaled": (
        "Rounding grows with the numbers and with the terms each sum adds, so here the bound is "
        "{base} × {values} (the largest |h| or |c|, at least 1) × {fan} (√ of the widest layer input "
        "over hidden_size, at least 1).",
        "舍入误差随数值大小和每次求和的项数增长，所以这里的容差是 {base} × {values}（最大的 "
        "|h| 或 |c|，至少为 1）× {fan}（各层输入中最大的特征数除以 hidden_size 再开方，"
        "至少为 1）。",
    ),
    "tol.cuda_float64": ("float64 on CUDA.", "CUDA 上的 float64。"),
    "nav.gradients": ("Gradient flow", "梯度流"),
    "rule.grad_too_many_params": (
        "comparing with nn.LSTM and nn.GRU at these sizes needs a module of {count} parameters (an LSTM "
        "holds four times the weights of an RNN of the same sizes), above this app's limit of {limit}; "
        "lower hidden_size, num_layers or input_size",
        "要在这些大小下与 nn.LSTM、nn.GRU 比较，需要一个有 {count} 个参数的模块（同样大小的 LSTM 的权重是 "
        "RNN 的四倍），超过本应用的上限 {limit}；请减小 hidden_size、num_layers 或 input_size",
    ),
    "rule.over_budget_gradients": (
        "forward and backward through this setting (five modules and three checks, in float64) would "
        "take about {seconds} s of this shared {device} ({gflops} GFLOP, {mb} MB); one interaction may "
        "take {max_seconds} s and {max_mb} MB. Settings that fit: {suggestion}",
        "对该设置做前向和反向（五个模块加三项验证，float64）约需这台共享 {device} 的 {seconds} 秒"
        "（{gflops} GFLOP、{mb} MB）；每次交互最多 {max_seconds} 秒、{max_mb} MB。可以改用：{suggestion}",
    ),
    "nav.quiz": ("Predict the shape", "猜形状"),
    "rule.lengths": (
        "must be 1 to {n} whole numbers from 1 to {hi}, e.g. 5, 3, 2",
        "必须是 1 到 {n} 个 1 到 {hi} 之间的整数，例如 5, 3, 2",
    ),
    "nav.packed": ("Packed sequences", "打包序列"),
    "side.present": ("Presentation mode (projector)", "演示模式（投影）"),
    "present.exit": ("Exit presentation mode", "退出演示模式"),
    "exp.title": ("Export", "导出"),
    "exp.snippet": ("Python script for these settings", "当前设置的 Python 脚本"),
    "exp.html": ("{name}: interactive HTML", "{name}：可交互 HTML"),
    "exp.png": ("{name}: PNG", "{name}：PNG"),
    "exp.no_png": (
        "PNG export needs kaleido and Chromium on the server, and this server has none; use HTML, or the camera "
        "icon in each chart's toolbar (your browser draws the PNG).",
        "导出 PNG 需要服务器上有 kaleido 和 Chromium，而这台服务器没有；请导出 HTML，或点击图表工具栏中的相机图标（由浏览器生成 PNG）。",
    ),
    "exp.png_note": (
        "The server's PNG renderer is still starting (a few seconds); after that a PNG takes under a second.",
        "服务器上的 PNG 渲染器正在启动（需要几秒钟）；启动后每张 PNG 不到一秒。",
    ),
    "exp.png_cold": (
        "The first PNG starts a renderer on the server (a few seconds); later ones take under a second.",
        "第一次导出 PNG 会在服务器上启动渲染器（需要几秒钟），之后每次不到一秒。",
    ),
    "exp.png_ready": (
        "PNG files are drawn on the server, each in under a second.",
        "PNG 由服务器绘制，每张不到一秒。",
    ),
    "exp.quiz_script": (
        "Python script for this question (run it to check your answer)",
        "本题的 Python 脚本（运行它来核对答案）",
    ),
    "exp.packed_script": (
        "Python script: this padded batch, pack_padded_sequence and the proof",
        "Python 脚本：这批补齐数据、pack_padded_sequence 以及上面的证明",
    ),
    "exp.packed_npz": (
        "All numbers (.npz): lengths, .data, batch_sizes, indices, h_n, outputs",
        "全部数值（.npz）：长度、.data、batch_sizes、索引、h_n 和输出",
    ),
    "exp.packed_rows": (
        "Rows of .data: time step and sequence (CSV)",
        ".data 的各行：时间步与所属序列（CSV）",
    ),
    "exp.packed_sequences": (
        "Per sequence: length, sorted/unsorted indices, h_n vs output at the last step (CSV)",
        "每条序列：长度、sorted/unsorted 索引、h_n 与最后一步 output 的差（CSV）",
    ),
    "exp.train_script": (
        "Python script that trains this model (same init, data and optimiser)",
        "训练这个模型的 Python 脚本（相同的初始化、数据和优化器）",
    ),
    "exp.losses_csv": ("Loss at every step (CSV)", "每一步的损失（CSV）"),
    "exp.npz": ("All traced numbers (.npz)", "全部跟踪数值（.npz）"),
    "exp.csv": ("{q} as a table (CSV)", "{q} 的表格（CSV）"),
    "phone.settings": ("Settings · {module}", "设置 · {module}"),
    "phone.settings_plain": ("Settings · language", "设置 · 语言"),
    "phone.none": (
        "This page brings its own modules; the module settings stay as they are for the other pages.",
        "本页使用自己的模块；模块设置保持不变，留给其他页面使用。",
    ),
    "share.title": ("Share with students", "分享给学生"),
    "share.how": (
        "Students scan the code or open the link: the same settings, in the normal view "
        "(never presentation mode).",
        "学生扫码或打开链接即可：设置相同，以普通视图打开（不会进入演示模式）。",
    ),
    "share.qr": ("QR code of the link for students", "学生链接的二维码"),
    "a11y.region": ("Scrollable content", "可滚动内容"),
    "a11y.figure_table": ("The figure's numbers as a table", "图中的数据（表格）"),
    "a11y.figure_table_cut": (
        "The first {rows} rows; the export below has them all.",
        "只列出前 {rows} 行；下方的导出包含全部数据。",
    ),
    "nav.training": ("Live training", "现场训练"),
    "nav.patterns": ("Task patterns", "任务模式"),
    "exp.patterns_script": ("Python script of this pattern", "这个模式的 Python 脚本"),
    "rule.over_budget_patterns": (
        "running this pattern would take about {seconds} s of this shared {device} ({gflops} GFLOP, "
        "{mb} MB); one interaction may take {max_seconds} s and {max_mb} MB. Settings that fit: {suggestion}",
        "运行这个模式约需这台共享 {device} 的 {seconds} 秒（{gflops} GFLOP、{mb} MB）；每次交互最多 "
        "{max_seconds} 秒、{max_mb} MB。可以改用：{suggestion}",
    ),
    "rule.pat_decoder": (
        "the decoder joins the encoder's two directions, so it would need hidden_size = {width}; this app "
        "allows at most {hi}, and {limit} parameters per module; lower hidden_size",
        "解码器要把编码器的两个方向拼接起来，因此它的 hidden_size 将是 {width}；本应用最多允许 {hi}，"
        "且每个模块最多 {limit} 个参数；请减小 hidden_size",
    ),
    "exp.stateful_csv": (
        "Every way, every step: loss, time, autograd nodes, batches spanned, bytes kept (CSV)",
        "每种方式的每一步：损失、用时、autograd 节点数、回溯的批次数、保留的字节数（CSV）",
    ),
    "rule.shape": (
        "is not a shape: write 1 to 4 positive whole numbers, e.g. (2, 5, 20), 2,5,20 or [2 5 20]",
        "不是有效的形状：请写 1 到 4 个正整数，例如 (2, 5, 20)、2,5,20 或 [2 5 20]",
    ),
    "nav.debugger": ("Shape debugger", "形状调试器"),
    "rule.dbg_value": (
        "must be a number (e.g. 32) or a shape of 1 to 4 positive whole numbers (e.g. (5, 3, 10))",
        "必须是一个数（例如 32），或由 1 到 4 个正整数组成的形状（例如 (5, 3, 10)）",
    ),
    "rule.dbg_name": ("is not a name Python can assign to", "不是 Python 可以赋值的名字"),
}

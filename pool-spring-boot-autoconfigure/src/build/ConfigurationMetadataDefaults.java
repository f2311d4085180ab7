import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.poolkit.PoolSetting;

/**
 * Writes the defaults of pool-core's settings table as Spring Boot's additional
 * configuration metadata, which the configuration processor merges into the metadata it
 * writes from PoolProperties: the IDE shows pool-core's defaults without the Boot module
 * writing them again. Run by the build (exec-maven-plugin, generate-resources) with
 * pool-core on the class path; not part of any jar.
 * <p>
 * Arguments: the file to write, the prefix of the properties (app.pool), and a JSON file
 * of further entries written by hand (the starter's switches outside that prefix), whose
 * {@code properties} are copied in as they are.
 */
public class ConfigurationMetadataDefaults {

	public static void main(String[] args) throws IOException {
		Path file = Path.of(args[0]);
		String prefix = args[1];
		List<String> properties = new ArrayList<>();
		for (PoolSetting<?> setting : PoolSetting.all()) {
			String value = defaultValue(setting);
			// The Boot default of name is spring.application.name first.
			if (value != null && !setting.isBuilderOnly() && !setting.name().equals("name")) {
				properties.add("    {\n      \"name\": \"" + prefix + "." + setting.name() + "\",\n      \"defaultValue\": "
						+ value + "\n    }");
			}
		}
		if (args.length > 2) {
			String extra = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8);
			properties.add(extra.substring(extra.indexOf('[') + 1, extra.lastIndexOf(']')).strip());
		}
		Files.createDirectories(file.getParent());
		Files.writeString(file, "{\n  \"properties\": [\n" + String.join(",\n", properties) + "\n  ]\n}\n",
				StandardCharsets.UTF_8);
	}

	// As application.properties takes it: numbers and flags as they are, durations and
	// enums in their text form (30s, wait).
	private static <T> String defaultValue(PoolSetting<T> setting) {
		T value = setting.defaultValue();
		if (value == null || value instanceof Properties) {
			return null;
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		return "\"" + setting.format(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}

package com.factordesk.demo;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Unique, plausible Dutch, Belgian, German and French company names and registration
 * numbers, built from word lists.
 */
final class CompanyNames {

	private static final Map<String, String[]> SURNAMES = Map.of("NL",
			new String[] { "Van Dijk", "De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder",
					"De Groot", "Bos", "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit",
					"Dijkstra", "Smits", "De Graaf", "Van der Meer", "Van der Linden", "Kok", "Jacobs", "De Haan",
					"Vermeulen", "Van den Berg", "Van der Heijden", "Schouten", "Van Beek", "Willems", "Van Vliet",
					"Van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "Van Dam", "Prins", "Blom", "Huisman",
					"Kuipers", "Veenstra", "Kramer", "Post", "Timmermans", "Scholten", "Van Wijk", "Postma" },
			"BE",
			new String[] { "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
					"Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Martens", "Leclercq", "Hermans", "Michiels",
					"Desmet", "Lemmens", "Van Damme", "Declercq", "Verstraete", "De Backer", "Van den Broeck",
					"Coppens", "Segers", "Renard", "Lejeune", "Simon", "Laurent", "Vandenberghe", "Cools", "Aerts",
					"Bogaerts", "Pauwels", "Verhaegen", "Wuyts", "Van Acker", "Thys", "Stevens" },
			"DE",
			new String[] { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
					"Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
					"Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Maier",
					"Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz",
					"Möller", "Vogel" },
			"FR",
			new String[] { "Lefèvre", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
					"Leroy", "Moreau", "Simon", "Laurent", "Michel", "Garnier", "David", "Bertrand", "Roux", "Vincent",
					"Fournier", "Morel", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Mercier",
					"Blanc", "Guérin", "Faure", "Chevalier", "Gauthier", "Perrin", "Lemaire", "Brunet", "Masson",
					"Marchand", "Caron", "Duval" });

	private static final Map<String, String[]> CITIES = Map.of("NL",
			new String[] { "Rotterdam", "Utrecht", "Eindhoven", "Tilburg", "Breda", "Zwolle", "Venlo", "Arnhem",
					"Nijmegen", "Groningen", "Den Bosch", "Amersfoort", "Apeldoorn", "Enschede", "Almere", "Leiden",
					"Dordrecht", "Haarlem", "Moerdijk", "Waalwijk", "Veenendaal", "Helmond", "Roosendaal", "Deventer" },
			"BE",
			new String[] { "Antwerpen", "Gent", "Brugge", "Kortrijk", "Hasselt", "Leuven", "Mechelen", "Aalst", "Liège",
					"Namur", "Charleroi", "Mons", "Genk", "Roeselare", "Wavre", "Turnhout", "Geel", "Waregem",
					"Tournai", "Ninove" },
			"DE",
			new String[] { "Köln", "Düsseldorf", "Duisburg", "Essen", "Dortmund", "Münster", "Bielefeld", "Hamburg",
					"Bremen", "Hannover", "Frankfurt", "Stuttgart", "München", "Nürnberg", "Aachen", "Krefeld",
					"Osnabrück", "Kassel", "Leipzig", "Dresden" },
			"FR",
			new String[] { "Lille", "Lyon", "Nantes", "Rennes", "Bordeaux", "Toulouse", "Strasbourg", "Reims", "Rouen",
					"Amiens", "Metz", "Nancy", "Valenciennes", "Dunkerque", "Roubaix", "Tours", "Orléans", "Dijon",
					"Grenoble", "Marseille" });

	private static final Map<String, String[]> REGIONS = Map.of("NL",
			new String[] { "Twente", "Brabant", "Veluwe", "Zeeland", "Holland", "Noord", "West-Friesland", "Achterhoek",
					"Rijnmond", "Delta", "Limburg", "Friesland" },
			"BE",
			new String[] { "Kempen", "Waasland", "Limburg", "Wallonie", "Brabant", "Ardennes", "Vlaanderen", "Westhoek",
					"Hainaut", "Benelux" },
			"DE",
			new String[] { "Rhein-Ruhr", "Niederrhein", "Westfalen", "Rheinland", "Emsland", "Sauerland", "Franken",
					"Ostfriesland", "Nord", "Süd", "Bergisch Land", "Eifel" },
			"FR", new String[] { "du Nord", "de Picardie", "de Normandie", "de Bretagne", "d'Alsace", "de Lorraine",
					"de Champagne", "du Val de Loire", "des Alpes", "de l'Atlantique", "des Flandres", "de l'Ouest" });

	private static final String[] DE_COURTS = { "Köln", "Düsseldorf", "München", "Hamburg", "Frankfurt am Main",
			"Stuttgart", "Essen", "Dortmund", "Hannover", "Bremen", "Duisburg", "Münster" };

	/**
	 * Sector words per industry, for NL, BE, DE and FR.
	 */
	private static final Map<String, String[][]> SECTORS = Map.ofEntries(
			Map.entry("transport",
					new String[][] { { "Transport", "Logistics", "Logistiek", "Expeditie" },
							{ "Transport", "Logistics", "Transports" }, { "Spedition", "Logistik", "Transporte" },
							{ "Transports", "Logistique", "Transports Routiers" } }),
			Map.entry("logistics", new String[][] { { "Logistics", "Distributie", "Warehousing" },
					{ "Logistics", "Distribution", "Warehousing" }, { "Logistik", "Lagerlogistik", "Distribution" },
					{ "Logistique", "Entreposage", "Distribution" } }),
			Map.entry("staffing",
					new String[][] { { "Uitzendbureau", "Personeelsdiensten", "Staffing", "Detachering" },
							{ "Interim", "Staffing", "Personeelsdiensten" },
							{ "Personaldienste", "Zeitarbeit", "Personalservice" },
							{ "Intérim", "Travail Temporaire", "Services RH" } }),
			Map.entry("wholesale food", new String[][] { { "Groothandel", "Foodservice", "Versgroothandel", "Food" },
					{ "Voeding", "Food Distribution", "Alimentation" }, { "Lebensmittel", "Frischdienst", "Feinkost" },
					{ "Distribution Alimentaire", "Primeurs", "Alimentaire" } }),
			Map.entry("metal", new String[][] { { "Metaal", "Metaalbewerking", "Staalbouw", "Constructie" },
					{ "Metaalwerken", "Staalconstructie", "Métal" }, { "Metallbau", "Stahlbau", "Metalltechnik" },
					{ "Métallerie", "Chaudronnerie", "Constructions Métalliques" } }),
			Map.entry("packaging",
					new String[][] { { "Verpakkingen", "Packaging", "Karton" },
							{ "Emballage", "Verpakking", "Packaging" }, { "Verpackung", "Verpackungen", "Kartonagen" },
							{ "Emballage", "Cartonnage", "Emballages" } }),
			Map.entry("construction supply", new String[][] { { "Bouwmaterialen", "Bouwstoffen", "Bouwhandel" },
					{ "Bouwmaterialen", "Matériaux", "Bouwhandel" }, { "Baustoffe", "Baustoffhandel", "Bauzentrum" },
					{ "Matériaux", "Négoce de Matériaux", "Bâtiment" } }),
			Map.entry("IT services",
					new String[][] { { "ICT", "IT Solutions", "Software", "Automatisering" },
							{ "IT Solutions", "ICT", "Informatique" }, { "IT-Service", "Systemhaus", "Software" },
							{ "Informatique", "Services Informatiques", "Numérique" } }),
			Map.entry("printing",
					new String[][] { { "Drukkerij", "Print", "Grafisch Bedrijf" },
							{ "Drukkerij", "Imprimerie", "Print" }, { "Druckerei", "Druckhaus", "Medien" },
							{ "Imprimerie", "Impression", "Arts Graphiques" } }),
			Map.entry("retail",
					new String[][] { { "Supermarkten", "Retail", "Winkels", "Warenhuis" },
							{ "Retail", "Supermarchés", "Winkels" }, { "Handel", "Märkte", "Warenhaus" },
							{ "Distribution", "Magasins", "Commerce" } }),
			Map.entry("construction",
					new String[][] { { "Bouw", "Bouwbedrijf", "Aannemers", "Infra" },
							{ "Bouw", "Construct", "Bâtiment" }, { "Bau", "Bauunternehmung", "Hochbau" },
							{ "Construction", "Bâtiment", "Travaux Publics" } }),
			Map.entry("manufacturing",
					new String[][] { { "Industrie", "Machinefabriek", "Techniek", "Productie" },
							{ "Industries", "Machinebouw", "Techniek" }, { "Maschinenbau", "Werke", "Industrie" },
							{ "Industrie", "Mécanique", "Fabrication" } }),
			Map.entry("automotive",
					new String[][] { { "Automotive", "Autogroep", "Carrosserie" },
							{ "Automotive", "Garages", "Autogroep" }, { "Automobil", "Fahrzeugbau", "Autohaus" },
							{ "Automobiles", "Carrosserie", "Auto" } }),
			Map.entry("healthcare",
					new String[][] { { "Zorggroep", "Zorg", "Medical" }, { "Zorg", "Medical", "Santé" },
							{ "Klinikum", "Medizintechnik", "Pflege" }, { "Santé", "Cliniques", "Médical" } }),
			Map.entry("hospitality",
					new String[][] { { "Hotels", "Horeca", "Catering" }, { "Hotels", "Horeca", "Catering" },
							{ "Hotels", "Gastronomie", "Catering" }, { "Hôtels", "Restauration", "Traiteur" } }),
			Map.entry("wholesale",
					new String[][] { { "Groothandel", "Handelsonderneming", "Trading" },
							{ "Groothandel", "Trading", "Négoce" }, { "Großhandel", "Handelsgesellschaft", "Vertrieb" },
							{ "Négoce", "Distribution", "Commerce de Gros" } }),
			Map.entry("energy",
					new String[][] { { "Energie", "Installatietechniek", "Solar" },
							{ "Energie", "Énergie", "Installaties" }, { "Energie", "Stadtwerke", "Energietechnik" },
							{ "Énergie", "Énergies", "Électricité" } }),
			Map.entry("chemicals",
					new String[][] { { "Chemie", "Coatings", "Kunststoffen" }, { "Chemicals", "Chemie", "Plastics" },
							{ "Chemie", "Kunststoffe", "Lacke" }, { "Chimie", "Plastiques", "Peintures" } }),
			Map.entry("agriculture",
					new String[][] { { "Agri", "Kwekerij", "Zuivel" }, { "Agri", "Landbouw", "Zuivel" },
							{ "Agrar", "Landhandel", "Molkerei" }, { "Agricole", "Coopérative", "Laiterie" } }),
			Map.entry("facility services",
					new String[][] { { "Facilitair", "Schoonmaak", "Facility Services" },
							{ "Facility Services", "Schoonmaak", "Nettoyage" },
							{ "Gebäudeservice", "Facility Management", "Gebäudereinigung" },
							{ "Nettoyage", "Services", "Propreté" } }));

	private static final List<String> COUNTRY_ORDER = List.of("NL", "BE", "DE", "FR");

	private final SplittableRandom random;

	private final Set<String> names = new HashSet<>();

	private final Set<String> registrations = new HashSet<>();

	CompanyNames(SplittableRandom random) {
		this.random = random;
	}

	String company(String country, String industry) {
		String[] sector = SECTORS.get(industry)[COUNTRY_ORDER.indexOf(country)];
		for (int attempt = 0;; attempt++) {
			String name = compose(country, sector, attempt) + " " + suffix(country);
			if (this.names.add(name)) {
				return name;
			}
		}
	}

	private String compose(String country, String[] sector, int attempt) {
		SplittableRandom r = this.random;
		String[] surnames = SURNAMES.get(country);
		String word = sector[r.nextInt(sector.length)];
		String surname = surnames[r.nextInt(surnames.length)];
		String other = surnames[r.nextInt(surnames.length)];
		String city = CITIES.get(country)[r.nextInt(CITIES.get(country).length)];
		String region = REGIONS.get(country)[r.nextInt(REGIONS.get(country).length)];
		if (attempt >= 40) {
			return surname + "-" + other + " " + word + " " + city;
		}
		int pattern = r.nextInt(8);
		return switch (country) {
			case "NL" -> switch (pattern) {
				case 0, 1 -> surname + " " + word;
				case 2 -> word + " " + surname;
				case 3 -> surname + " & " + other;
				case 4 -> "Gebr. " + surname + " " + word;
				case 5 -> word + " " + region;
				case 6 -> surname + " " + word + " " + city;
				default -> word + " " + city;
			};
			case "BE" -> switch (pattern) {
				case 0, 1 -> surname + " " + word;
				case 2 -> word + " " + surname;
				case 3 -> surname + " & " + other;
				case 4 -> word + " " + region;
				case 5 -> surname + " " + word + " " + city;
				case 6 -> surname + " & Zonen " + word;
				default -> word + " " + city;
			};
			case "DE" -> switch (pattern) {
				case 0, 1 -> surname + " " + word;
				case 2 -> word + " " + surname;
				case 3 -> surname + " & " + other;
				case 4 -> word + " " + region;
				case 5 -> surname + " " + word + " " + city;
				case 6 -> surname + " & Söhne " + word;
				default -> word + " " + city;
			};
			default -> switch (pattern) {
				case 0, 1 -> word + " " + surname;
				case 2 -> surname + " " + word;
				case 3 -> surname + " & Fils";
				case 4 -> word + " " + region;
				case 5 -> word + " " + surname + " " + city;
				case 6 -> surname + " et " + other;
				default -> word + (isVowel(city.charAt(0)) ? " d'" : " de ") + city;
			};
		};
	}

	private static boolean isVowel(char c) {
		return "AEIOUÉ".indexOf(c) >= 0;
	}

	private String suffix(String country) {
		double u = this.random.nextDouble();
		return switch (country) {
			case "NL" -> (u < 0.95) ? "B.V." : "N.V.";
			case "BE" -> (u < 0.35) ? "NV" : (u < 0.65) ? "BV" : (u < 0.85) ? "SA" : "SRL";
			case "DE" -> (u < 0.70) ? "GmbH" : (u < 0.90) ? "GmbH & Co. KG" : "AG";
			default -> (u < 0.50) ? "SAS" : (u < 0.80) ? "SARL" : "SA";
		};
	}

	/**
	 * A unique registration number in the country's format: KvK, KBO/BCE, Handelsregister
	 * or SIREN.
	 */
	String registration(String country) {
		SplittableRandom r = this.random;
		while (true) {
			String number = switch (country) {
				case "NL" -> String.valueOf(r.nextInt(10_000_000, 100_000_000));
				case "BE" -> String.format(Locale.ROOT, "0%03d.%03d.%03d", r.nextInt(200, 1000), r.nextInt(1000),
						r.nextInt(1000));
				case "DE" -> "HRB " + r.nextInt(1_000, 200_000) + " " + DE_COURTS[r.nextInt(DE_COURTS.length)];
				default -> String.format(Locale.ROOT, "%03d %03d %03d", r.nextInt(300, 1000), r.nextInt(1000),
						r.nextInt(1000));
			};
			if (this.registrations.add(number)) {
				return number;
			}
		}
	}

}
